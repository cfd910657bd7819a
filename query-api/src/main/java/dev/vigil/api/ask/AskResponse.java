package dev.vigil.api.ask;

import java.util.List;

/**
 * The answer to a question.
 *
 * @param answer   the LLM's answer, or with no LLM configured a plain account of the evidence that says so
 * @param evidence the moments the answer was built from, in time order
 * @param tokens   visual tokens selected and available in the window
 * @param cameras  the global (LongVLM) context of each camera involved
 * @param model    the embedding model that scored the moments
 * @param llm      the LLM that answered, or {@code none}
 */
public record AskResponse(String answer, List<Evidence> evidence, Tokens tokens, List<CameraContext> cameras,
                          String model, String llm) {
    /** Tokens selected into the answer's context, and the tokens of every candidate moment. */
    public record Tokens(int selected, int available) {
    }

    /** A camera's global semantics: frames averaged, and the question's similarity to their mean. */
    public record CameraContext(String camera, long frames, Double globalScore) {
    }
}
