package dev.vigil.api.memory;

import dev.vigil.api.ApiException;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.state.query.MemoryQuery;
import dev.vigil.topologies.memory.MemoryUnavailableException;
import org.apache.kafka.streams.state.HostInfo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Sends a {@link MemoryQuery} (as {@link MemoryQueryJson}) to another API instance, the one that owns a
 * camera's partition ({@code application.server} is that instance's API address), and reads its answer.
 * Instances prove themselves to each other with a shared token in {@link #HEADER}, so the internal route needs
 * no user key; the receiving instance answers only from its own partitions, so a query is forwarded at most
 * once.
 */
public final class MemoryForwarding {
    public static final String HEADER = "X-Vigil-Forwarded";
    public static final String PATH = "/internal/v1/memory";

    private final HttpClient http;
    private final ObjectMapper json;
    private final MemoryQueryJson queries;
    private final String scheme;
    private final String token;

    /**
     * @param json    reads the answers
     * @param queries writes the queries
     * @param scheme  {@code http} or {@code https} (what the other instances listen on)
     * @param token   the shared instance token
     */
    public MemoryForwarding(ObjectMapper json, MemoryQueryJson queries, String scheme, String token) {
        this.json = json;
        this.queries = queries;
        this.scheme = scheme;
        this.token = token;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    }

    /** Asks {@code owner}; the answer is read as {@code type}. */
    public <T> T ask(HostInfo owner, MemoryQuery<?> query, JavaType type) {
        URI uri = URI.create(scheme + "://" + owner.host() + ":" + owner.port() + PATH);
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(20))
                    .header("Content-Type", "application/json")
                    .header(HEADER, token)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(queries.write(query))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 503) {
                throw new MemoryUnavailableException("the instance owning this camera (" + uri.getAuthority() + ") is not ready");
            }
            if (response.statusCode() == 401 || response.statusCode() == 403) {
                throw new ApiException(502, "instances disagree", "the instance owning this camera (" + uri.getAuthority()
                        + ") refused the forwarded query: every API instance needs the same VIGIL_API_INSTANCE_TOKEN");
            }
            if (response.statusCode() != 200) {
                throw new ApiException(502, "owner instance failed", "the instance owning this camera ("
                        + uri.getAuthority() + ") answered HTTP " + response.statusCode() + " to a forwarded query");
            }
            return json.readValue(response.body(), type);
        } catch (IOException e) {
            throw new MemoryUnavailableException("the instance owning this camera (" + uri.getAuthority()
                    + ") did not answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MemoryUnavailableException("interrupted while asking " + uri.getAuthority());
        }
    }
}
