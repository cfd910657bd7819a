package dev.vigil.cli.config;

import dev.vigil.api.llm.LlmSettings;
import dev.vigil.schema.DurationText;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The OpenAI-compatible LLM that writes answers, when one is configured: {@code llm.url} (the API base ending in
 * {@code /v1}), {@code llm.model}, the bearer key from {@code VIGIL_LLM_API_KEY} (or {@code llm.api.key} in the
 * file), and optionally {@code llm.timeout} (120s), {@code llm.attempts} (3), {@code llm.max.tokens} (512). Without
 * {@code llm.url} answers are the evidence alone.
 */
public final class LlmConfig {
    private LlmConfig() {
    }

    /** The settings, or empty when no {@code llm.url} is given; a half-given or bad setting names its key. */
    public static Optional<LlmSettings> from(ConfigSource source) {
        // Blank counts as unset, so compose can pass ${VIGIL_LLM_URL:-} through.
        String url = blankToNull(source.string("llm.url", null));
        String model = blankToNull(source.string("llm.model", null));
        if (url == null) {
            if (model != null) {
                throw new ConfigException(source.describe("llm.model") + " is set but no LLM URL is: set "
                        + source.describe("llm.url") + " (e.g. http://127.0.0.1:8000/v1)");
            }
            return Optional.empty();
        }
        if (model == null) {
            throw new ConfigException("an LLM URL is set but no model: set " + source.describe("llm.model")
                    + " to a model the server at " + url + " serves");
        }
        Duration timeout;
        try {
            timeout = DurationText.parse("llm.timeout", source.string("llm.timeout", "120s"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source.describe("llm.timeout") + ": " + e.getMessage());
        }
        int attempts = source.integer("llm.attempts", 3, 1, 10);
        int maxTokens = source.integer("llm.max.tokens", 512, 1, 32_768);
        try {
            return Optional.of(new LlmSettings(URI.create(url), model,
                    Optional.ofNullable(blankToNull(source.string("llm.api.key", null))),
                    Duration.ofSeconds(5), timeout, attempts, maxTokens));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source.describe("llm.url") + ": " + e.getMessage());
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
