package dev.vigil.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-process stand-in for the schema registry that answers only the two calls vigil's serde makes — register
 * a schema under a subject ({@code POST /subjects/{s}/versions}) and fetch a schema by id
 * ({@code GET /schemas/ids/{id}}) — so {@code SerdeBenchmark} can run the production {@code AvroSerializer} and
 * {@code AvroDeserializer} without a registry process. Both cache what they learn on the first record, so the
 * timed path never reaches this server.
 */
final class PinnedSchemaRegistry implements AutoCloseable {
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Integer> ids = new ConcurrentHashMap<>();
    private final Map<Integer, String> schemas = new ConcurrentHashMap<>();
    private final HttpServer server;

    PinnedSchemaRegistry() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    /** The URL to give {@code RegistrySettings.of}. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String reply;
        int status = 200;
        if ("POST".equals(exchange.getRequestMethod()) && path.startsWith("/subjects/")) {
            JsonNode body = json.readTree(exchange.getRequestBody());
            String schema = body.path("schema").asText();
            int id = ids.computeIfAbsent(schema, s -> ids.size() + 1);
            schemas.put(id, schema);
            reply = json.writeValueAsString(Map.of("id", id, "version", 1, "subject",
                    path.substring("/subjects/".length()).replace("/versions", ""), "schema", schema));
        } else if ("GET".equals(exchange.getRequestMethod()) && path.startsWith("/schemas/ids/")) {
            String schema = schemas.get(Integer.parseInt(path.substring("/schemas/ids/".length())));
            if (schema == null) {
                status = 404;
                reply = json.writeValueAsString(Map.of("error_code", 40403, "message", "Schema not found"));
            } else {
                reply = json.writeValueAsString(Map.of("schema", schema));
            }
        } else {
            status = 404;
            reply = json.writeValueAsString(Map.of("error_code", 404, "message", "not served by the benchmark stub",
                    "paths", List.of("/subjects/{s}/versions", "/schemas/ids/{id}")));
        }
        byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
