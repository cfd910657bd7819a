package dev.vigil.cli.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.api.llm.Llm;
import dev.vigil.api.llm.LlmSettings;
import dev.vigil.api.llm.OpenAiCompatibleLlm;
import dev.vigil.app.BuiltInAnswerer;
import dev.vigil.models.clip.ClipEncoder;
import dev.vigil.schema.DurationText;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * What writes answers. An OpenAI-compatible LLM when one is configured: {@code llm.url} (the API base ending in
 * {@code /v1}), {@code llm.model}, the bearer key from {@code VIGIL_LLM_API_KEY} (or {@code llm.api.key} in the
 * file), and optionally {@code llm.timeout} (120s), {@code llm.attempts} (3), {@code llm.max.tokens} (512). Without
 * {@code llm.url}, the built-in answer model of the running bundle when it has one and {@code llm.builtin} (true)
 * allows it; else answers are the evidence alone.
 *
 * @param external the OpenAI-compatible LLM, when {@code llm.url} is given; it wins over the built-in model
 * @param builtIn  whether the bundle's built-in answer model may answer when no external LLM is configured
 *                 ({@code llm.builtin}, {@code VIGIL_LLM_BUILTIN}; true by default, false for evidence-only answers)
 */
public record LlmConfig(Optional<LlmSettings> external, boolean builtIn) {

    /** The settings; a half-given or bad setting names its key. */
    public static LlmConfig from(ConfigSource source) {
        return new LlmConfig(external(source), builtIn(source));
    }

    /**
     * The model that writes answers: the external LLM, else the encoder's bundle's built-in answer model when
     * allowed and present, else none (evidence-only answers).
     *
     * @param encoder the running bundle's encoder (its folder may hold an answer model)
     * @throws dev.vigil.models.bundle.BundleException when the bundle's answer model files are there but unusable
     */
    public Optional<Llm> answerer(ClipEncoder encoder, Clock clock) {
        if (external.isPresent()) {
            return Optional.of(new OpenAiCompatibleLlm(external.get(), new ObjectMapper()));
        }
        return builtIn ? BuiltInAnswerer.of(encoder, clock).map(Llm.class::cast) : Optional.empty();
    }

    /** How the startup line names what answers, for the answerer {@link #answerer} gave. */
    public String describe(Optional<Llm> answerer) {
        return answerer.map(Llm::describe).orElse(builtIn
                ? "evidence only (no --llm-url, and the model bundle has no built-in answer model)"
                : "evidence only (no --llm-url; the built-in answer model is off: llm.builtin=false)");
    }

    private static Optional<LlmSettings> external(ConfigSource source) {
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

    private static boolean builtIn(ConfigSource source) {
        // Blank counts as unset, as for llm.url, so compose can pass ${VIGIL_LLM_BUILTIN:-} through.
        String raw = blankToNull(source.string("llm.builtin", null));
        if (raw == null) {
            return true;
        }
        String value = raw.toLowerCase(Locale.ROOT);
        if (!value.equals("true") && !value.equals("false")) {
            throw new ConfigException(source.describe("llm.builtin") + " must be true or false, got '" + raw
                    + "': true lets the model bundle's built-in answer model write answers when no --llm-url is given,"
                    + " false keeps them to the evidence alone");
        }
        return Boolean.parseBoolean(value);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
