package dev.vigil.schema.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A small client for the Confluent Schema Registry REST API, which Confluent, Redpanda, Karapace and
 * Apicurio ({@code /apis/ccompat/v7}) all speak.
 *
 * <p>Schemas by id are immutable, so they are cached forever; registrations are cached per
 * (subject, schema) by the serializers that call {@link #register}. Every error names the registry and the
 * subject. Thread-safe.
 */
public final class SchemaRegistryClient {
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    /** Attempts for requests that got no answer or a 5xx: covers a registry that is still starting. */
    private static final int ATTEMPTS = 3;

    private final RegistrySettings settings;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();

    public SchemaRegistryClient(RegistrySettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).build();
    }

    public RegistrySettings settings() {
        return settings;
    }

    /** Registers {@code schema} under {@code subject} (or finds it already there) and returns its global id. */
    public int register(String subject, Schema schema) {
        JsonNode body = send("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema), subject,
                "register the schema " + schema.getFullName());
        return body.path("id").asInt();
    }

    /** The id of {@code schema} if it is already registered under {@code subject}; an error otherwise. */
    public int lookup(String subject, Schema schema) {
        JsonNode body = send("POST", "/subjects/" + encode(subject), schemaBody(schema), subject,
                "look up the schema " + schema.getFullName());
        return body.path("id").asInt();
    }

    /** The schema with this global id. Cached: ids never change meaning. */
    public Schema schemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode body = send("GET", "/schemas/ids/" + id, null, null, "fetch schema id " + id);
        String type = body.path("schemaType").asText("AVRO");
        if (!type.equals("AVRO")) {
            throw new RegistryException("schema id " + id + " at " + settings.redactedUrl() + " is " + type
                    + ", not AVRO", 200, 0, null);
        }
        try {
            Schema schema = new Schema.Parser().parse(body.path("schema").asText());
            schemasById.putIfAbsent(id, schema);
            return schema;
        } catch (SchemaParseException e) {
            throw new RegistryException("schema id " + id + " at " + settings.redactedUrl()
                    + " is not a valid Avro schema: " + e.getMessage(), 200, 0, e);
        }
    }

    /** Whether {@code schema} may be registered under {@code subject} by its compatibility rule. */
    public boolean isCompatible(String subject, Schema schema) {
        try {
            JsonNode body = send("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest",
                    schemaBody(schema), subject, "check compatibility of " + schema.getFullName());
            return body.path("is_compatible").asBoolean(false);
        } catch (RegistryException e) {
            if (e.status() == 404) {
                return true; // no versions yet: anything is compatible with nothing
            }
            throw e;
        }
    }

    /** Sets the global compatibility level (BACKWARD, FORWARD, FULL, NONE, …). */
    public void setGlobalCompatibility(String level) {
        ObjectNode body = json.createObjectNode().put("compatibility", level);
        send("PUT", "/config", body, null, "set global compatibility to " + level);
    }

    /** The global compatibility level. */
    public String globalCompatibility() {
        JsonNode body = send("GET", "/config", null, null, "read the global compatibility");
        return body.path("compatibilityLevel").asText();
    }

    /** All subjects. */
    public List<String> subjects() {
        JsonNode body = send("GET", "/subjects", null, null, "list subjects");
        List<String> subjects = new ArrayList<>();
        body.forEach(n -> subjects.add(n.asText()));
        return subjects;
    }

    private ObjectNode schemaBody(Schema schema) {
        return json.createObjectNode().put("schema", schema.toString());
    }

    private JsonNode send(String method, String path, JsonNode body, String subject, String what) {
        URI uri = URI.create(settings.url() + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(settings.requestTimeout())
                .header("Accept", CONTENT_TYPE + ", application/json");
        settings.authorization().ifPresent(a -> request.header("Authorization", a));
        if (body != null) {
            request.header("Content-Type", CONTENT_TYPE)
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        String context = "schema registry at " + settings.redactedUrl()
                + (subject == null ? "" : " (subject '" + subject + "')");
        RegistryException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                JsonNode answer = parse(response.body());
                if (response.statusCode() / 100 == 2) {
                    return answer;
                }
                int errorCode = answer.path("error_code").asInt(0);
                String message = "could not " + what + ": " + context + " answered HTTP " + response.statusCode()
                        + (errorCode != 0 ? " (error " + errorCode + ")" : "") + ": "
                        + answer.path("message").asText(response.body());
                if (response.statusCode() == 409) {
                    throw new IncompatibleSchemaException(message, 409, errorCode);
                }
                last = new RegistryException(message, response.statusCode(), errorCode, null);
                if (!last.transientFailure()) {
                    throw last;
                }
            } catch (IOException e) {
                last = new RegistryException("could not " + what + ": " + context + " did not answer ("
                        + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")",
                        0, 0, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryException("interrupted while trying to " + what + " at " + context, 0, 0, e);
            }
            sleepBeforeRetry(attempt);
        }
        throw last;
    }

    private JsonNode parse(String text) {
        try {
            return text == null || text.isBlank() ? json.createObjectNode() : json.readTree(text);
        } catch (IOException e) {
            return json.createObjectNode().put("message", text);
        }
    }

    private static void sleepBeforeRetry(int attempt) {
        if (attempt == ATTEMPTS) {
            return;
        }
        try {
            Thread.sleep(200L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
