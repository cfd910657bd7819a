package dev.vigil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.cluster.FreePorts;
import dev.vigil.testkit.ScriptedLlm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code vigil up --llm-url … --llm-model …} answers through that server: a separate process (testkit's
 * {@link ScriptedLlm}) that fails its first request with 503, so the answer also proves the client's retry. The key
 * comes from {@code VIGIL_LLM_API_KEY}, never a flag.
 */
class VigilUpLlmIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void askAnswersThroughTheConfiguredLlmAndHealthNamesIt() throws Exception {
        VigilUpProcess up = null;
        try (ScriptedLlm llm = ScriptedLlm.start(dir.resolve("llm"), 1, 503, Duration.ZERO)) {
            int port = FreePorts.pick();
            up = VigilUpProcess.start(dir.resolve("data"), port,
                    List.of("--llm-url", llm.baseUrl(), "--llm-model", "scripted-m"),
                    Map.of("VIGIL_LLM_API_KEY", "sk-scripted"));
            up.awaitReady();
            assertThat(up.output()).anyMatch(l -> l.contains("answers: scripted-m @ " + llm.baseUrl()));
            String key = up.output().stream().filter(l -> l.startsWith("admin API key")).findFirst()
                    .map(l -> l.substring(l.lastIndexOf(' ') + 1)).orElseThrow();

            HttpClient http = HttpClient.newHttpClient();
            JsonNode health = JSON.readTree(http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/v1/health")).build(), HttpResponse.BodyHandlers.ofString()).body());
            assertThat(health.path("components").path("llm").path("status").asText()).isEqualTo("CONFIGURED");
            assertThat(health.path("components").path("llm").path("answerer").asText())
                    .isEqualTo("scripted-m @ " + llm.baseUrl());
            assertThat(health.toString()).doesNotContain("sk-scripted");

            HttpResponse<String> asked = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/ask"))
                    .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"question\":\"when did a red car drive in?\",\"last\":\"15m\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(asked.statusCode()).as(asked.body()).isEqualTo(200);
            JsonNode answer = JSON.readTree(asked.body());
            assertThat(answer.path("answer").asText()).startsWith("SCRIPTED ANSWER by scripted-m");
            assertThat(answer.path("llm").asText()).isEqualTo("scripted-m @ " + llm.baseUrl());

            List<JsonNode> chats = llm.requests().stream().map(VigilUpLlmIT::parse)
                    .filter(r -> r.path("path").asText().equals("/v1/chat/completions")).toList();
            assertThat(chats).as("the 503, then the retry that was answered").hasSize(2);
            for (JsonNode chat : chats) {
                assertThat(chat.path("authorization").asText()).isEqualTo("Bearer sk-scripted");
                assertThat(chat.path("body").path("model").asText()).isEqualTo("scripted-m");
                assertThat(chat.path("body").path("messages").toString()).contains("when did a red car drive in?");
            }
        } finally {
            if (up != null) {
                up.stop();
            }
        }
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
