package dev.vigil.api.llm;

import java.util.List;

/**
 * What the LLM is asked: the question, earlier turns of a chat, what each camera is generally like (LongVLM
 * global semantics, as a similarity of the question to the camera's running mean embedding), and the
 * selected moments in time order with their keyframes.
 *
 * @param question the question
 * @param history  earlier chat turns, oldest first (empty for {@code /v1/ask})
 * @param cameras  one line of global context per camera involved
 * @param moments  the evidence, in time order
 */
public record LlmPrompt(String question, List<Turn> history, List<CameraContext> cameras, List<PromptMoment> moments) {
    public LlmPrompt {
        history = List.copyOf(history);
        cameras = List.copyOf(cameras);
        moments = List.copyOf(moments);
    }

    /** One earlier chat turn. */
    public record Turn(String role, String content) {
    }

    /**
     * @param camera      the camera
     * @param frames      how many frames its global embedding averages
     * @param globalScore cosine of the question to the camera's global embedding (NaN when there is none)
     */
    public record CameraContext(String camera, long frames, double globalScore) {
    }

    /**
     * @param camera   the camera
     * @param start    epoch millis
     * @param end      epoch millis
     * @param score    similarity to the question
     * @param keyframe JPEG bytes, or null when none is stored
     */
    public record PromptMoment(String camera, long start, long end, double score, byte[] keyframe) {
    }
}
