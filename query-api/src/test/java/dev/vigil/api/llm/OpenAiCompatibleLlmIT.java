package dev.vigil.api.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.testkit.ScriptedLlm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The outbound OpenAI-compatible client against a real server in a separate process (testkit's {@link ScriptedLlm}):
 * what it sends, its retries on 429 and 5xx, its timeout, and streamed chunks passed on as the server sent them.
 */
class OpenAiCompatibleLlmIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9};

    @TempDir
    Path dir;

    private static LlmSettings settings(ScriptedLlm server, int attempts, Duration timeout) {
        return new LlmSettings(URI.create(server.baseUrl()), "scripted-m", Optional.of("sk-test"), Duration.ofSeconds(2),
                timeout, attempts, 64);
    }

    private static LlmPrompt prompt() {
        return new LlmPrompt("when did the red car arrive?", List.of(new LlmPrompt.Turn("user", "hello")),
                List.of(new LlmPrompt.CameraContext("gate", 120, 0.3)),
                List.of(new LlmPrompt.PromptEvent("gate", 1_700_000_000_000L, 1_700_000_002_000L, 0.97)), 0.5,
                "in all stored memory",
                List.of(new LlmPrompt.PromptMoment("gate", 1_700_000_000_000L, 1_700_000_002_000L, 0.42, 0.97, JPEG)),
                List.of());
    }

    private static List<JsonNode> chats(ScriptedLlm server) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : server.requests()) {
            JsonNode r = JSON.readTree(line);
            if (r.path("path").asText().equals("/v1/chat/completions")) {
                out.add(r);
            }
        }
        return out;
    }

    @Test
    void sendsTheModelTheKeyTheQuestionTheHistoryAndEachMomentWithItsKeyframe() throws Exception {
        try (ScriptedLlm server = ScriptedLlm.start(dir)) {
            LlmAnswer answer = new OpenAiCompatibleLlm(settings(server, 1, Duration.ofSeconds(10)), JSON).complete(prompt());

            assertThat(answer.text()).startsWith("SCRIPTED ANSWER by scripted-m");
            JsonNode request = chats(server).get(0);
            assertThat(request.path("authorization").asText()).isEqualTo("Bearer sk-test");
            JsonNode body = request.path("body");
            assertThat(body.path("model").asText()).isEqualTo("scripted-m");
            assertThat(body.path("stream").asBoolean(false)).isFalse();
            JsonNode messages = body.path("messages");
            assertThat(messages.get(0).path("role").asText()).isEqualTo("system");
            assertThat(messages.get(1).path("content").asText()).isEqualTo("hello");
            JsonNode user = messages.get(messages.size() - 1);
            assertThat(user.path("role").asText()).isEqualTo("user");
            assertThat(user.path("content").toString()).contains("when did the red car arrive?").contains("gate")
                .contains("Matching events in all stored memory (relevance at least 0.50)").contains("relevance 0.97");
            assertThat(user.path("content").findValuesAsText("url"))
                    .anyMatch(u -> u.startsWith("data:image/jpeg;base64,"));
        }
    }

    @Test
    void retriesARateLimitAndAServerErrorThenAnswers() throws Exception {
        try (ScriptedLlm server = ScriptedLlm.start(dir, 2, 429, Duration.ZERO)) {
            LlmAnswer answer = new OpenAiCompatibleLlm(settings(server, 3, Duration.ofSeconds(10)), JSON).complete(prompt());
            assertThat(answer.text()).startsWith("SCRIPTED ANSWER");
            assertThat(chats(server)).hasSize(3);
        }
        try (ScriptedLlm server = ScriptedLlm.start(dir.resolve("down"), 5, 503, Duration.ZERO)) {
            OpenAiCompatibleLlm llm = new OpenAiCompatibleLlm(settings(server, 2, Duration.ofSeconds(10)), JSON);
            assertThatThrownBy(() -> llm.complete(prompt())).isInstanceOf(LlmUnavailableException.class)
                    .hasMessageContaining(server.baseUrl() + "/chat/completions").hasMessageContaining("503")
                    .hasMessageContaining("2 attempt");
            assertThat(chats(server)).as("no more than the attempts").hasSize(2);
        }
    }

    @Test
    void aSlowAnswerTimesOutNamingTheEndpoint() {
        try (ScriptedLlm server = ScriptedLlm.start(dir, 0, 503, Duration.ofSeconds(5))) {
            OpenAiCompatibleLlm llm = new OpenAiCompatibleLlm(settings(server, 1, Duration.ofMillis(500)), JSON);
            long started = System.nanoTime();
            assertThatThrownBy(() -> llm.complete(prompt())).isInstanceOf(LlmUnavailableException.class)
                    .hasMessageContaining(server.baseUrl() + "/chat/completions").hasMessageContaining("did not answer");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("gave up at the timeout, not the server's pace")
                    .isLessThan(Duration.ofSeconds(4));
        }
    }

    @Test
    void streamedChunksPassThroughAsTheServerSentThem() throws Exception {
        try (ScriptedLlm server = ScriptedLlm.start(dir)) {
            List<String> data = new ArrayList<>();
            new OpenAiCompatibleLlm(settings(server, 1, Duration.ofSeconds(10)), JSON).stream(prompt(), data::add);

            assertThat(data).last().isEqualTo("[DONE]");
            StringBuilder text = new StringBuilder();
            for (String d : data.subList(0, data.size() - 1)) {
                JsonNode chunk = JSON.readTree(d.getBytes(StandardCharsets.UTF_8));
                assertThat(chunk.path("object").asText()).isEqualTo("chat.completion.chunk");
                text.append(chunk.path("choices").get(0).path("delta").path("content").asText());
            }
            assertThat(text.toString()).startsWith("SCRIPTED ANSWER by scripted-m");
            assertThat(chats(server).get(0).path("body").path("stream").asBoolean()).isTrue();
        }
    }
}
