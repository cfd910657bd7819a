package dev.vigil.bench.driver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Where and when a benchmark ran, recorded with every result because numbers mean little without it — in
 * particular the load average, since the project machine's cores are shared with other work.
 *
 * @param date           when the run started (UTC)
 * @param cores          processors the JVM sees
 * @param loadAverage    1-, 5- and 15-minute load averages from {@code /proc/loadavg} (empty where absent)
 * @param os             operating system and architecture
 * @param java           Java runtime version
 * @param maxHeapBytes   the JVM's heap limit
 */
public record MachineInfo(String date, int cores, String loadAverage, String os, String java, long maxHeapBytes) {

    /** This machine, now. */
    public static MachineInfo now() {
        return new MachineInfo(Instant.now().toString(), Runtime.getRuntime().availableProcessors(), currentLoadAverage(),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory());
    }

    /** The first three fields of {@code /proc/loadavg}, or empty when it cannot be read. */
    public static String currentLoadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields.length < 3 ? "" : fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
