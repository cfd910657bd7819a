package dev.vigil.cli;

import dev.vigil.cluster.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

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
        VigilUpProcess first = VigilUpProcess.start(data, port);
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

        VigilUpProcess second = VigilUpProcess.start(data, port);
        try {
            second.awaitReady();
            assertThat(second.output()).anyMatch(line -> line.contains("topics ready (0 created)"));
        } finally {
            second.stop();
        }
    }
}
