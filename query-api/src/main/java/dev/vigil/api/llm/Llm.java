package dev.vigil.api.llm;

import java.util.function.Consumer;

/**
 * A chat model that answers from keyframes. {@link OpenAiCompatibleLlm} talks to any OpenAI-compatible
 * server (vLLM, llama.cpp server, Ollama, hosted APIs). With no LLM configured the API answers from the
 * evidence alone and says so; it never invents a sentence.
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
}
