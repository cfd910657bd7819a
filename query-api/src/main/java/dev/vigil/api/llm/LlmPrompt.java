package dev.vigil.api.llm;

import dev.vigil.api.memory.MomentTokens;
import dev.vigil.tokens.Fp16;

import java.util.List;
import java.util.Objects;

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
 * @param moments   the evidence, in time order (keyframes only when the model reads them)
 * @param tokens    for a model that reads stored tokens ({@link Llm#tokenReading()}), the events it is given with
 *                  their peak moments' tokens, in time order; empty for any other model
 */
public record LlmPrompt(String question, List<Turn> history, List<CameraContext> cameras, List<PromptEvent> events,
                        double threshold, String window, List<PromptMoment> moments, List<EventTokens> tokens) {
    public LlmPrompt {
        history = List.copyOf(history);
        cameras = List.copyOf(cameras);
        events = List.copyOf(events);
        moments = List.copyOf(moments);
        tokens = List.copyOf(tokens);
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

    /**
     * An event as a model that reads tokens gets it: the event, and its peak moment's stored tokens in fp32.
     *
     * @param event           the event (camera, start, end, probability)
     * @param modelId         the model bundle that produced the tokens
     * @param tokens          {@code tokenCount x dim} merged tokens, row-major
     * @param tokenCount      rows of {@code tokens}
     * @param frameEmbeddings {@code frameCount x dim} pooled frame embeddings, row-major, in time order
     * @param frameCount      rows of {@code frameEmbeddings}
     * @param dim             the width of both
     */
    public record EventTokens(PromptEvent event, String modelId, float[] tokens, int tokenCount, float[] frameEmbeddings,
                              int frameCount, int dim) {
        public EventTokens {
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(modelId, "modelId");
            if (tokens.length != tokenCount * dim || frameEmbeddings.length != frameCount * dim) {
                throw new IllegalArgumentException(tokenCount + " tokens and " + frameCount + " frames of width " + dim
                        + " need " + tokenCount * dim + " and " + frameCount * dim + " values, got " + tokens.length
                        + " and " + frameEmbeddings.length);
            }
        }

        /**
         * The event with stored tokens decoded from fp16.
         *
         * @throws IllegalArgumentException when the tokens and frame embeddings differ in width (one space is assumed)
         */
        public static EventTokens of(PromptEvent event, MomentTokens stored) {
            if (stored.tokens().dim() != stored.frameEmbeddings().dim()) {
                throw new IllegalArgumentException("tokens of width " + stored.tokens().dim() + " beside frame embeddings"
                        + " of width " + stored.frameEmbeddings().dim());
            }
            return new EventTokens(event, stored.modelId(), Fp16.toFloats(stored.tokens().fp16()), stored.tokens().count(),
                    Fp16.toFloats(stored.frameEmbeddings().fp16()), stored.frameEmbeddings().count(),
                    stored.tokens().dim());
        }
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
