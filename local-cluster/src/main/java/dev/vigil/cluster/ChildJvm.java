package dev.vigil.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Java process started by vigil, with its output going to a log file and a {@link ParentWatchdog} that
 * ends it if vigil dies. {@link #stop} asks politely (SIGTERM, so the child's shutdown hooks run), then
 * insists.
 */
final class ChildJvm {
    private static final Path SETSID = Path.of("/usr/bin/setsid");
    private final String name;
    private final Process process;
    private final Path log;

    private ChildJvm(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code mainClass} in a new JVM.
     *
     * @param classPath  the child's class path; {@link ParentWatchdog}'s location is added in front
     * @param jvmOptions heap size, system properties
     */
    static ChildJvm start(String name, List<String> classPath, List<String> jvmOptions, String mainClass,
                          List<String> args, Path workDir, Path log) {
        List<String> command = new ArrayList<>();
        // A session of its own: Ctrl-C in a terminal signals the whole foreground process group, and the broker
        // must outlive the clients vigil is still closing. vigil stops its children itself, in order, and the
        // watchdog ends them if vigil dies.
        if (Files.isExecutable(SETSID)) {
            command.add(SETSID.toString());
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-Dvigil.parent.pid=" + ProcessHandle.current().pid());
        List<String> cp = new ArrayList<>();
        cp.add(watchdogLocation());
        // the child runs in workDir, so a relative entry (java -jar cli/target/vigil-cli.jar) would not resolve there
        classPath.stream().filter(e -> !e.isBlank()).map(e -> Path.of(e).toAbsolutePath().toString()).forEach(cp::add);
        command.add("-cp");
        command.add(String.join(java.io.File.pathSeparator, cp));
        command.add(ParentWatchdog.class.getName());
        command.add(mainClass);
        command.addAll(args);
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            return new ChildJvm(name, process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name + ": " + e.getMessage(), e);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    /** Waits for the process to end on its own (for one-shot tools) and returns its exit code. */
    int waitFor(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                stop(Duration.ofSeconds(5));
                throw new IllegalStateException(name + " did not finish within " + timeout + "; log: " + log
                        + System.lineSeparator() + tail());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + name, e);
        }
    }

    /** SIGTERM, wait up to {@code grace}, then SIGKILL; also ends anything the child started. */
    void stop(Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        descendants.forEach(ProcessHandle::destroyForcibly);
    }

    /** The last lines of the child's log, for error messages. */
    String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(log " + log + " unreadable: " + e.getMessage() + ")";
        }
    }

    private static String watchdogLocation() {
        try {
            return Path.of(ParentWatchdog.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("cannot locate vigil's local-cluster classes", e);
        }
    }
}
