package dev.vigil.api.llm;

/** The LLM could not answer; the message names the endpoint and what went wrong. The API answers 502. */
public class LlmUnavailableException extends RuntimeException {
    public LlmUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
