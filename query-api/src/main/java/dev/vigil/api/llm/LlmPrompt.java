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
 * @param events    the matching events (relevance at least {@code threshold}), in time order; empty: not seen
 * @param threshold the relevance a moment needed to match
 * @param window    the time window in words ({@code between … and …})
 * @param moments   the evidence, in time order
 */
public record LlmPrompt(String question, List<Turn> history, List<CameraContext> cameras, List<PromptEvent> events,
                        double threshold, String window, List<PromptMoment> moments) {
    public LlmPrompt {
        history = List.copyOf(history);
        cameras = List.copyOf(cameras);
        events = List.copyOf(events);
        moments = List.copyOf(moments);
    }

    /**
     * A run of contiguous moments of one camera whose relevance reaches the threshold.
     *
     * @param start       epoch millis
     * @param end         epoch millis
     * @param probability its highest relevance
     */
    public record PromptEvent(String camera, long start, long end, double probability) {
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
     * @param score       similarity to the question
     * @param probability the bundle's calibrated relevance of the moment
     * @param keyframe    JPEG bytes, or null when none is stored
     */
    public record PromptMoment(String camera, long start, long end, double score, double probability, byte[] keyframe) {
    }
}
