package dev.vigil.cli;

import dev.vigil.cluster.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code vigil up} as a user runs it: the packaged jar in its own process. It prints the ready line, serves
 * health, stops every process it started on SIGTERM (what Ctrl-C's SIGINT also triggers), and resumes on
 * the same data folder.
 */
class VigilUpIT {
    @TempDir
    Path data;

    @Test
    void upPrintsReadyServesHealthStopsCleanlyAndResumes() throws Exception {
        int port = FreePorts.pick();
        Run first = Run.start(data, port);
        try {
            assertThat(first.awaitReady()).isEqualTo("vigil ready: dashboard http://127.0.0.1:" + port);
            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"kafka\"").contains("\"registry\"").contains("\"store\"")
                    .doesNotContain("DOWN");
            assertThat(first.descendants()).as("broker and registry child processes").hasSizeGreaterThanOrEqualTo(2);
        } finally {
            first.stop();
        }
        assertThat(first.descendants().stream().filter(ProcessHandle::isAlive)).as("processes left behind").isEmpty();

        Run second = Run.start(data, port);
        try {
            second.awaitReady();
            assertThat(second.output()).anyMatch(line -> line.contains("topics ready (0 created)"));
        } finally {
            second.stop();
        }
    }

    /** One {@code java -jar vigil-cli.jar up} process and its output. */
    private record Run(Process process, List<String> lines, List<ProcessHandle> children) {
        static Run start(Path data, int port) throws Exception {
            Path jar = Path.of("target", "vigil-cli.jar").toAbsolutePath();
            assertThat(jar).as("packaged CLI (built in the package phase)").exists();
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx1g", "-jar", jar.toString(), "up", "--data", data.toString(), "--port", Integer.toString(port))
                    .redirectErrorStream(true).start();
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
            return new Run(process, lines, new ArrayList<>());
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
}
