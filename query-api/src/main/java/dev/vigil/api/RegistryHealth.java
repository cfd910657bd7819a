package dev.vigil.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The schema registry lists its subjects within 3 s. */
public final class RegistryHealth implements HealthCheck {
    private final URI subjects;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    /** @param registryUrl the Confluent-compatible base URL */
    public RegistryHealth(String registryUrl) {
        this.subjects = URI.create(registryUrl.replaceAll("/$", "") + "/subjects");
    }

    @Override
    public String name() {
        return "registry";
    }

    @Override
    public String problem() {
        try {
            int status = http.send(HttpRequest.newBuilder(subjects).timeout(Duration.ofSeconds(3)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            return status == 200 ? null : "registry answered HTTP " + status;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (Exception e) {
            return "registry at " + subjects.getHost() + ":" + subjects.getPort() + " did not answer: " + e.getMessage();
        }
    }
}
