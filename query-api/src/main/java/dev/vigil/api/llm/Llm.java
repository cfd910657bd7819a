package dev.vigil.api.llm;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * A chat model that answers from the evidence. {@link OpenAiCompatibleLlm} talks to any OpenAI-compatible
 * server (vLLM, llama.cpp server, Ollama, hosted APIs) and shows it keyframes; the built-in answer model (wired
 * by {@code app} when no server is configured and the bundle has one) reads the stored tokens of the matching
 * events instead ({@link #tokenReading()}). With neither, the API answers from the evidence alone and says so;
 * it never invents a sentence.
 */
public interface Llm {
    /** What to report as the answering model, e.g. {@code qwen2-vl-7b @ http://127.0.0.1:8000/v1}. */
    String describe();

    /** The model's answer to the prompt. */
    LlmAnswer complete(LlmPrompt prompt);

    /**
     * Streams the answer: {@code data} receives each server-sent {@code data:} payload as the server sent it
     * (OpenAI chunk JSON, then {@code [DONE]}), so it can be passed through to an OpenAI client unchanged.
     */
    void stream(LlmPrompt prompt, Consumer<String> data);

    /**
     * How much of the stored tokens this model reads; when present the prompt carries {@link LlmPrompt#tokens()}.
     * Empty by default: reading tokens out of memory (and across instances) costs, and an LLM behind HTTP cannot
     * use them.
     */
    default Optional<TokenReading> tokenReading() {
        return Optional.empty();
    }

    /**
     * Whether this model looks at keyframes ({@link LlmPrompt.PromptMoment#keyframe()}); when not, the API does not
     * fetch them (each is a memory read, perhaps on another instance).
     */
    default boolean readsKeyframes() {
        return true;
    }
}
