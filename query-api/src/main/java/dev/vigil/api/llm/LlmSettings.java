package dev.vigil.api.llm;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Where the OpenAI-compatible LLM is and how to talk to it.
 *
 * @param baseUrl        the API base, ending before {@code /chat/completions}: {@code http://127.0.0.1:8000/v1} (vLLM),
 *                       {@code http://127.0.0.1:8080/v1} (llama.cpp server), {@code http://127.0.0.1:11434/v1} (Ollama)
 * @param model          the model name to send
 * @param apiKey         a bearer token for hosted APIs
 * @param connectTimeout TCP connect timeout
 * @param requestTimeout time allowed for a complete (non-streamed) answer
 * @param attempts       tries for a request that got no answer, 429 or 5xx (backoff 250 ms, doubling)
 * @param maxTokens      the answer's token limit
 */
public record LlmSettings(URI baseUrl, String model, Optional<String> apiKey, Duration connectTimeout,
                          Duration requestTimeout, int attempts, int maxTokens) {
    public LlmSettings {
        if (baseUrl.getScheme() == null || !(baseUrl.getScheme().equals("http") || baseUrl.getScheme().equals("https"))) {
            throw new IllegalArgumentException("LLM base URL must be http:// or https://, got " + baseUrl);
        }
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("LLM model name is empty; set the model the server serves");
        }
        if (attempts < 1) {
            throw new IllegalArgumentException("LLM attempts must be >= 1, got " + attempts);
        }
        String s = baseUrl.toString();
        if (s.endsWith("/")) {
            baseUrl = URI.create(s.substring(0, s.length() - 1));
        }
    }

    /** Sane defaults: 5 s connect, 120 s answer, 3 attempts, 512 answer tokens. */
    public static LlmSettings of(String baseUrl, String model) {
        return new LlmSettings(URI.create(baseUrl), model, Optional.empty(), Duration.ofSeconds(5),
                Duration.ofSeconds(120), 3, 512);
    }

    /** How the LLM is named to people (startup line, health, answers): {@code model @ base URL}. */
    public String describe() {
        return model + " @ " + baseUrl;
    }

    /** The chat completions endpoint. */
    public URI chatCompletions() {
        return URI.create(baseUrl + "/chat/completions");
    }
}
