package dev.vigil.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** One {@code java -jar vigil-cli.jar up} process, as a user starts it, and its output. */
record VigilUpProcess(Process process, List<String> lines, List<ProcessHandle> children) {
    static VigilUpProcess start(Path data, int port) throws Exception {
        return start(data, port, List.of(), java.util.Map.of());
    }

    /** With more {@code vigil up} arguments and environment variables. */
    static VigilUpProcess start(Path data, int port, List<String> moreArgs, java.util.Map<String, String> env)
            throws Exception {
        Path jar = Path.of("target", "vigil-cli.jar").toAbsolutePath();
        assertThat(jar).as("packaged CLI (built in the package phase)").exists();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "--add-modules", "jdk.incubator.vector", "-jar", jar.toString(), "up", "--data", data.toString(),
                "--port", Integer.toString(port)));
        command.addAll(moreArgs);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
        CompletableFuture.runAsync(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (java.io.IOException ignored) {
                // process ended
            }
        });
        return new VigilUpProcess(process, lines, new ArrayList<>());
    }

    String awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            synchronized (lines) {
                for (String line : lines) {
                    if (line.startsWith("vigil ready:")) {
                        children.addAll(process.descendants().toList());
                        return line;
                    }
                }
            }
            assertThat(process.isAlive()).as("vigil up exited early: " + output()).isTrue();
            Thread.sleep(200);
        }
        throw new AssertionError("no ready line within 180 s: " + output());
    }

    List<ProcessHandle> descendants() {
        return children;
    }

    List<String> output() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    void stop() throws InterruptedException {
        process.destroy(); // SIGTERM: runs the same shutdown hook as Ctrl-C
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            children.forEach(ProcessHandle::destroyForcibly);
            throw new AssertionError("vigil up did not stop within 60 s: " + output());
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (children.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
    }
}
