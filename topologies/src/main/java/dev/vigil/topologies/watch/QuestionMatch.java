package dev.vigil.topologies.watch;

/**
 * How well a clip answers a standing question: the best cosine similarity over the clip's pooled frame
 * embeddings, and which frame it was.
 *
 * @param score cosine similarity in [-1, 1]
 * @param frame index of the best frame
 */
public record QuestionMatch(double score, int frame) {

    /**
     * Scores {@code frames} ({@code count} rows of {@code dim} floats, row-major) against {@code question}.
     * Returns {@code null} when the dims differ (another model's space) or there are no frames.
     */
    public static QuestionMatch best(float[] question, float[] frames, int count, int dim) {
        if (question.length != dim || count == 0) {
            return null;
        }
        double qNorm = norm(question, 0, dim);
        if (qNorm == 0) {
            return null;
        }
        double best = Double.NEGATIVE_INFINITY;
        int bestFrame = -1;
        for (int f = 0; f < count; f++) {
            double dot = 0;
            for (int d = 0; d < dim; d++) {
                dot += question[d] * frames[f * dim + d];
            }
            double n = norm(frames, f * dim, dim);
            double cos = n == 0 ? 0 : dot / (qNorm * n);
            if (cos > best) {
                best = cos;
                bestFrame = f;
            }
        }
        return new QuestionMatch(best, bestFrame);
    }

    private static double norm(float[] v, int offset, int dim) {
        double s = 0;
        for (int d = 0; d < dim; d++) {
            s += v[offset + d] * (double) v[offset + d];
        }
        return Math.sqrt(s);
    }
}
