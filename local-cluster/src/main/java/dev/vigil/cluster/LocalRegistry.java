package dev.vigil.cluster;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A real Apicurio Registry in a child JVM on loopback, used through its Confluent-compatible API
 * ({@link #confluentApiUrl()}). Its schemas live in an H2 database file under the data folder, so a
 * restart on the same folder keeps every schema id. Global compatibility is BACKWARD from the start.
 */
public final class LocalRegistry implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LocalRegistry.class);
    private static final String PORT_FILE = "registry.port";

    private final int port;
    private final ChildJvm process;

    private LocalRegistry(int port, ChildJvm process) {
        this.port = port;
        this.process = process;
    }

    /**
     * Starts a registry whose data lives in {@code dataDir}.
     *
     * @param port the HTTP port, or 0 for the port this folder used last time (a free one the first time)
     */
    public static LocalRegistry start(ApicurioDistribution distribution, Path dataDir, int port, Duration readyTimeout) {
        try {
            Path dir = dataDir.toAbsolutePath();
            Files.createDirectories(dir);
            Path portFile = dir.resolve(PORT_FILE);
            int chosen = port != 0 ? port
                    : Files.exists(portFile) ? Integer.parseInt(Files.readString(portFile).trim()) : FreePorts.pick();
            if (FreePorts.inUse(chosen)) {
                throw new IllegalStateException("port " + chosen + " on 127.0.0.1 is in use; is another registry running on "
                        + dir + "? Stop it, or start with another data folder.");
            }
            Files.writeString(portFile, Integer.toString(chosen));
            Path runner = distribution.runnerJar();
            List<String> jvm = List.of("-Xms64m", "-Xmx384m", "-XX:+UseSerialGC",
                    "-Dquarkus.http.host=127.0.0.1",
                    "-Dquarkus.http.port=" + chosen,
                    "-Dquarkus.log.level=WARN",
                    "-Dquarkus.http.access-log.enabled=false",
                    "-Dapicurio.datasource.url=jdbc:h2:file:" + dir.resolve("h2").resolve("registry"),
                    "-Dapicurio.rest.deletion.artifact.enabled=true",
                    "-Dapicurio.rest.deletion.artifact-version.enabled=true",
                    "-Dapicurio.rest.deletion.group.enabled=true");
            ChildJvm process = ChildJvm.start("schema registry", List.of(runner.toString()), jvm,
                    "io.quarkus.runner.GeneratedMain", List.of(), dir, dir.resolve("logs").resolve("registry.log"));
            LocalRegistry registry = new LocalRegistry(chosen, process);
            registry.awaitReady(readyTimeout);
            registry.setGlobalCompatibility("BACKWARD");
            log.info("schema registry ready at {} (data {})", registry.confluentApiUrl(), dir);
            return registry;
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare registry data folder " + dataDir + ": " + e.getMessage(), e);
        }
    }

    /** Base URL of the Confluent-compatible REST API. */
    public String confluentApiUrl() {
        return "http://127.0.0.1:" + port + "/apis/ccompat/v7";
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(20));
    }

    private void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                .timeout(Duration.ofSeconds(3)).GET().build();
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("schema registry exited during start; log " + process.log() + ":"
                        + System.lineSeparator() + process.tail());
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the schema registry", e);
            }
            if (Instant.now().isAfter(deadline)) {
                close();
                throw new IllegalStateException("schema registry was not ready within " + timeout + "; log "
                        + process.log() + ":" + System.lineSeparator() + process.tail());
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the schema registry", e);
            }
        }
    }

    private void setGlobalCompatibility(String level) {
        HttpRequest put = HttpRequest.newBuilder(URI.create(confluentApiUrl() + "/config"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"compatibility\":\"" + level + "\"}", StandardCharsets.UTF_8))
                .build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(put, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("schema registry refused global compatibility " + level + ": HTTP "
                        + response.statusCode() + " " + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not set the registry's global compatibility: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while configuring the schema registry", e);
        }
    }
}
