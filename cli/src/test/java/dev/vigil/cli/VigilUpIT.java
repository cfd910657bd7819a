package dev.vigil.cli;

import dev.vigil.cluster.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code vigil up} as a user runs it: the packaged jar in its own process. It prints the ready line, serves
 * health, manages keys with {@code vigil keys} (another process of the same jar, over the API), stops every process
 * it started on SIGTERM (what Ctrl-C's SIGINT also triggers), and resumes on the same data folder with its keys.
 */
class VigilUpIT {
    @TempDir
    Path data;

    String admin;

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
            admin = first.output().stream().filter(l -> l.startsWith("admin API key")).findFirst()
                    .map(l -> l.substring(l.lastIndexOf(' ') + 1)).orElseThrow();
            keysCommandCreatesListsAndRevokes("http://127.0.0.1:" + port, admin);
        } finally {
            first.stop();
        }
        assertThat(first.descendants().stream().filter(ProcessHandle::isAlive)).as("processes left behind").isEmpty();

        VigilUpProcess second = VigilUpProcess.start(data, port);
        try {
            second.awaitReady();
            assertThat(second.output()).anyMatch(line -> line.contains("topics ready (0 created)"));
            assertThat(second.output()).as("the keys survived the restart: no new admin key").noneMatch(l -> l.startsWith("admin API key"));
            assertThat(get("http://127.0.0.1:" + port, "/v1/cameras", admin).statusCode()).isEqualTo(200);
        } finally {
            second.stop();
        }
    }

    private void keysCommandCreatesListsAndRevokes(String api, String adminKey) throws Exception {
        Cli created = cli(Map.of("VIGIL_API_KEY", adminKey), "keys", "create", "--api", api, "--name", "ci reader",
                "--scope", "read", "--camera", "*", "--expires-in", "1d");
        assertThat(created.exit()).as(created.output()).isZero();
        String line = created.output().lines().filter(l -> l.startsWith("key ")).findFirst().orElseThrow();
        String id = line.split(" ")[1];
        String key = line.substring(line.lastIndexOf(' ') + 1);
        assertThat(key).startsWith("vgl_" + id + "_");
        assertThat(get(api, "/v1/cameras", key).statusCode()).isEqualTo(200);

        Cli listed = cli(Map.of("VIGIL_API_KEY", adminKey), "keys", "list", "--api", api);
        assertThat(listed.exit()).as(listed.output()).isZero();
        assertThat(listed.output()).contains(id).contains("ci reader").contains("vgl_" + id + "_")
                .doesNotContain(key.substring(key.lastIndexOf('_') + 1));

        Cli revoked = cli(Map.of("VIGIL_API_KEY", adminKey), "keys", "revoke", id, "--api", api);
        assertThat(revoked.exit()).as(revoked.output()).isZero();
        assertThat(get(api, "/v1/cameras", key).statusCode()).isEqualTo(401);

        Cli again = cli(Map.of("VIGIL_API_KEY", adminKey), "keys", "revoke", id, "--api", api);
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.output()).contains("404").contains("no key");
        Cli noKey = cli(Map.of(), "keys", "list", "--api", api);
        assertThat(noKey.exit()).isEqualTo(2);
        assertThat(noKey.output()).contains("VIGIL_API_KEY");
    }

    /** A finished {@code vigil} command: its exit status and its output (stdout and stderr). */
    record Cli(int exit, String output) {
    }

    private static Cli cli(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Path.of("target", "vigil-cli.jar").toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("VIGIL_API_KEY");
        builder.environment().remove("VIGIL_API_URL");
        builder.environment().putAll(env);
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Cli(p.exitValue(), out);
    }

    private static HttpResponse<String> get(String api, String path, String key) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api + path))
                .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString());
    }
}
