package dev.vigil.models.answer;

/**
 * How a question and its evidence become the answer model's input rows, before any weight is applied: the one
 * definition that the inference model and the trainer both use, so the two cannot drift apart.
 */
public final class AnswerFeatures {
    private AnswerFeatures() {
    }

    /** The question token's input: the sentence vector, then the L2-normalised embedding. */
    public static float[] question(AnswerQuestion q) {
        float[] embedding = normalised(q.embedding(), 0, q.embedding().length);
        float[] in = new float[q.sentence().length + embedding.length];
        System.arraycopy(q.sentence(), 0, in, 0, q.sentence().length);
        System.arraycopy(embedding, 0, in, q.sentence().length, embedding.length);
        return in;
    }

    /** Frame row {@code f} of the evidence, L2-normalised (a frame embedding's length means nothing to retrieval). */
    public static float[] frame(AnswerEvidence e, int f) {
        return normalised(e.frameEmbeddings(), f * e.dim(), e.dim());
    }

    /**
     * Token row {@code t} of the evidence divided by its root mean square: merged tokens come out of Mamba's residual
     * stream, whose scale varies with the bundle and the scene.
     */
    public static float[] token(AnswerEvidence e, int t) {
        int dim = e.dim();
        int offset = t * dim;
        double s = 0;
        for (int i = 0; i < dim; i++) {
            s += (double) e.tokens()[offset + i] * e.tokens()[offset + i];
        }
        double inv = 1 / Math.sqrt(s / dim + AnswerLayout.RMS_EPS);
        float[] y = new float[dim];
        for (int i = 0; i < dim; i++) {
            y[i] = (float) (e.tokens()[offset + i] * inv);
        }
        return y;
    }

    /**
     * The event header's features: the event's probability and the best cosine between the question embedding and
     * its first {@code frames} frame embeddings (0 when it has none).
     */
    public static float[] header(AnswerQuestion q, AnswerEvidence e, int frames) {
        float[] embedding = normalised(q.embedding(), 0, q.embedding().length);
        float best = 0;
        for (int f = 0; f < frames; f++) {
            float[] frame = frame(e, f);
            float cos = 0;
            for (int i = 0; i < frame.length; i++) {
                cos += frame[i] * embedding[i];
            }
            best = f == 0 ? cos : Math.max(best, cos);
        }
        return new float[] {(float) e.probability(), best};
    }

    /** {@code x[offset .. offset+n)} scaled to unit length; a zero vector stays zero. */
    public static float[] normalised(float[] x, int offset, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += (double) x[offset + i] * x[offset + i];
        }
        double inv = s > 0 ? 1 / Math.sqrt(s) : 0;
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = (float) (x[offset + i] * inv);
        }
        return y;
    }
}
