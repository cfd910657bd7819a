package dev.vigil.models.answer;

/**
 * One evidence event as the answer model sees it: the stored tokens of the event's peak moment and the event's
 * calibrated relevance.
 *
 * @param tokens          {@code tokenCount × dim} merged visual tokens (after Mamba and merging), row-major
 * @param tokenCount      rows of {@code tokens}
 * @param frameEmbeddings {@code frameCount × dim} pooled frame (or clip) embeddings, row-major
 * @param frameCount      rows of {@code frameEmbeddings}
 * @param dim             the bundle's width
 * @param probability     the event's relevance to the question, in [0, 1]
 */
public record AnswerEvidence(float[] tokens, int tokenCount, float[] frameEmbeddings, int frameCount, int dim,
                             double probability) {
    public AnswerEvidence {
        if (dim <= 0 || tokenCount < 0 || frameCount < 0) {
            throw new IllegalArgumentException("evidence needs dim > 0 and non-negative counts, got dim " + dim
                    + ", " + tokenCount + " tokens, " + frameCount + " frames");
        }
        if (tokens.length != tokenCount * dim || frameEmbeddings.length != frameCount * dim) {
            throw new IllegalArgumentException("evidence arrays do not match their counts: " + tokens.length
                    + " token values for " + tokenCount + "×" + dim + ", " + frameEmbeddings.length
                    + " frame values for " + frameCount + "×" + dim);
        }
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("evidence probability must lie in [0, 1], got " + probability);
        }
    }
}
