package dev.vigil.topologies.watch;

import dev.vigil.tokens.Similarity;

/**
 * How well a clip answers a standing question: the best cosine similarity over the clip's pooled frame
 * embeddings, and which frame it was. The score is {@link Similarity#maxCosine}, the same max-sim the
 * TokenMemory similarity scan ranks entries by, so a watch fires on what a search would find.
 *
 * @param score cosine similarity in [-1, 1]
 * @param frame index of the best frame
 */
public record QuestionMatch(double score, int frame) {

    /**
     * Scores {@code frames} ({@code count} rows of {@code dim} floats, row-major) against {@code question}.
     * Returns {@code null} when the dims differ (another model's space), there are no frames, or the question
     * is a zero vector.
     */
    public static QuestionMatch best(float[] question, float[] frames, int count, int dim) {
        if (question.length != dim || count == 0 || Similarity.norm(question) < Similarity.NORM_FLOOR) {
            return null;
        }
        Similarity.Best best = Similarity.maxCosine(question, frames, count, dim);
        return new QuestionMatch(best.score(), best.row());
    }
}
