package dev.vigil.bench.driver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** Resident set sizes read from {@code /proc/<pid>/status} (Linux); empty where that cannot be read. */
final class ProcessMemory {

    /** VmRSS of process {@code pid} in bytes. */
    OptionalLong rssBytes(long pid) {
        return rss(Path.of("/proc", Long.toString(pid), "status"));
    }

    /** VmRSS of this JVM in bytes. */
    OptionalLong selfRssBytes() {
        return rss(Path.of("/proc/self/status"));
    }

    private static OptionalLong rss(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    // "VmRSS:     123456 kB"
                    String[] parts = line.substring(6).trim().split("\\s+");
                    return OptionalLong.of(Long.parseLong(parts[0]) * 1024);
                }
            }
            return OptionalLong.empty();
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }
}
