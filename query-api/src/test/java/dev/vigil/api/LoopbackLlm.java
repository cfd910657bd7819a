package dev.vigil.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real OpenAI-compatible HTTP endpoint on loopback (the JDK's HTTP server) that records each chat request and
 * answers with a fixed reply, as JSON or, when asked to stream, as SSE chunks.
 */
final class LoopbackLlm implements AutoCloseable {
    static final String REPLY = "A car is visible at the cited time.";

    private final HttpServer server;
    private final ObjectMapper json = new ObjectMapper();
    final List<JsonNode> requests = new CopyOnWriteArrayList<>();

    LoopbackLlm() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/chat/completions", exchange -> {
            JsonNode body = json.readTree(exchange.getRequestBody());
            requests.add(body);
            boolean stream = body.path("stream").asBoolean();
            byte[] out;
            if (stream) {
                String[] parts = {"A car ", "is visible ", "at the cited time."};
                StringBuilder s = new StringBuilder();
                for (String p : parts) {
                    s.append("data: {\"id\":\"x\",\"object\":\"chat.completion.chunk\",\"model\":\"loopback-vl\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"")
                            .append(p).append("\"},\"finish_reason\":null}]}\n\n");
                }
                s.append("data: [DONE]\n\n");
                out = s.toString().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            } else {
                out = json.writeValueAsBytes(json.createObjectNode().put("id", "x").put("model", "loopback-vl")
                        .set("choices", json.createArrayNode().add(json.createObjectNode().put("index", 0)
                                .set("message", json.createObjectNode().put("role", "assistant").put("content", REPLY)))));
                exchange.getResponseHeaders().add("Content-Type", "application/json");
            }
            exchange.sendResponseHeaders(200, out.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(out);
            }
        });
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
