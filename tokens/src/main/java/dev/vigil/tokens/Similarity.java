package dev.vigil.tokens;

import java.util.Arrays;

/**
 * Cosine similarity and max-sim scoring of embeddings, the one definition used by merging, the store's
 * similarity scan, standing questions and answers; {@link #entryScore} is how a question scores an entry or a clip.
 *
 * <p>Sums are accumulated in double precision; a vector whose norm is below {@link #NORM_FLOOR} counts as
 * zero and has similarity 0 to everything (instead of NaN), so a blank frame or an empty question never
 * poisons a ranking.
 */
public final class Similarity {
    /** Norms below this are treated as zero. */
    public static final double NORM_FLOOR = 1e-12;

    private Similarity() {
    }

    /** The dot product of two vectors of the same length, accumulated in double. */
    public static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    /** The Euclidean norm, accumulated in double. */
    public static double norm(float[] v) {
        return norm(v, 0, v.length);
    }

    /** {@code v / |v|} as a new array; all zeros when {@code v} is (nearly) zero. */
    public static float[] normalised(float[] v) {
        return normaliseInto(v, new float[v.length]);
    }

    /**
     * {@code v / |v|} into {@code out} (same length; may be {@code v} itself), all zeros when {@code v} is
     * (nearly) zero; returns {@code out}. The in-place form for loops that reuse one buffer.
     */
    public static float[] normaliseInto(float[] v, float[] out) {
        double norm = norm(v);
        if (norm < NORM_FLOOR) {
            Arrays.fill(out, 0f);
            return out;
        }
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] / norm);
        }
        return out;
    }

    /** The cosine of the angle between {@code a} and {@code b} (same length); 0 when either is zero. */
    public static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        na = Math.sqrt(na);
        nb = Math.sqrt(nb);
        return na < NORM_FLOOR || nb < NORM_FLOOR ? 0 : dot / (na * nb);
    }

    /**
     * The best cosine of {@code query} against {@code count} rows of {@code dim} floats, row-major from the
     * start of {@code rows} (which may be longer: a reused buffer): the max-sim score of an entry's or a
     * clip's embeddings. The first of equal rows wins, so the result is deterministic.
     *
     * @return the best row and its score; row -1 and score -∞ when {@code count} is 0
     * @throws IllegalArgumentException if the query is not {@code dim} wide or the rows are too few
     */
    public static Best maxCosine(float[] query, float[] rows, int count, int dim) {
        if (query.length != dim || (long) count * dim > rows.length) {
            throw new IllegalArgumentException("query of " + query.length + " against " + count + " rows of " + dim
                    + " in " + rows.length + " floats");
        }
        double qNorm = norm(query, 0, dim);
        int bestRow = -1;
        double best = Double.NEGATIVE_INFINITY;
        for (int r = 0, offset = 0; r < count; r++, offset += dim) {
            double dot = 0;
            double rr = 0;
            for (int d = 0; d < dim; d++) {
                float x = rows[offset + d];
                dot += (double) query[d] * x;
                rr += (double) x * x;
            }
            double rNorm = Math.sqrt(rr);
            double cos = qNorm < NORM_FLOOR || rNorm < NORM_FLOOR ? 0 : dot / (qNorm * rNorm);
            if (cos > best) {
                best = cos;
                bestRow = r;
            }
        }
        return new Best(bestRow, best);
    }

    /**
     * The result of {@link #maxCosine}.
     *
     * @param row   index of the best row, -1 when there were none
     * @param score its cosine, in [-1, 1] (-∞ when there were no rows)
     */
    public record Best(int row, double score) {
    }

    /**
     * How well an entry (a stored clip or consolidation) or a clip answers a question: the best cosine of
     * {@code query} over the entry's frame embeddings and its clip embeddings, {@code max(best frame cosine, best
     * clip cosine)}. This is the single definition of that score: the store's similarity scan (ask and search),
     * standing questions (watches) and the needle-in-a-haystack bench all rank by it, so a watch fires on what a
     * search finds and the bench measures what the API answers with.
     *
     * <p>Both kinds of row live in one embedding space, so their cosines compare directly. Rows are row-major from
     * the start of their arrays, which may be longer (reused buffers), as in {@link #maxCosine}. Ties are
     * deterministic: the first of equal rows of a kind wins, and a frame wins over a clip embedding of the same
     * score, because a frame names an instant and a clip embedding only a span. With no clip rows the result is
     * {@link #maxCosine} over the frames.
     *
     * @param frameRows  {@code frameCount} frame embeddings of {@code dim} floats
     * @param clipRows   {@code clipCount} clip embeddings of {@code dim} floats (an empty array when none)
     * @return the winning row and its score; no row and score -∞ when there are no rows at all
     * @throws IllegalArgumentException if the query is not {@code dim} wide or either kind's rows are too few
     */
    public static EntryScore entryScore(float[] query, float[] frameRows, int frameCount, float[] clipRows,
                                        int clipCount, int dim) {
        Best frame = maxCosine(query, frameRows, frameCount, dim);
        Best clip = maxCosine(query, clipRows, clipCount, dim);
        if (clip.row() >= 0 && clip.score() > frame.score()) {
            return new EntryScore(clip.score(), -1, clip.row());
        }
        return new EntryScore(frame.score(), frame.row(), -1);
    }

    /**
     * The result of {@link #entryScore}: the score and which row won, a frame embedding or a clip embedding
     * (at most one of the two rows is set).
     *
     * @param score    the winning cosine, in [-1, 1] (-∞ when there were no rows)
     * @param frameRow index of the winning frame embedding, or -1
     * @param clipRow  index of the winning clip embedding, or -1
     */
    public record EntryScore(double score, int frameRow, int clipRow) {
        /** Whether a clip embedding won (the moment is then the clip's span, not one frame's instant). */
        public boolean clipWon() {
            return clipRow >= 0;
        }

        /** Whether there was no row to score at all. */
        public boolean none() {
            return frameRow < 0 && clipRow < 0;
        }
    }

    private static double norm(float[] v, int offset, int length) {
        double s = 0;
        for (int i = offset; i < offset + length; i++) {
            s += (double) v[i] * v[i];
        }
        return Math.sqrt(s);
    }
}
