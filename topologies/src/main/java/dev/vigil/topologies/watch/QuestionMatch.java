package dev.vigil.topologies.watch;

import dev.vigil.schema.ClipTokens;
import dev.vigil.tokens.Similarity;

/**
 * How well a clip answers a standing question, and what matched: the best cosine similarity over the clip's
 * pooled frame embeddings and its clip embedding. The score is {@link Similarity#entryScore}, the same score the
 * TokenMemory similarity scan ranks entries by, so a watch fires on what a search would find.
 *
 * @param score         cosine similarity in [-1, 1]
 * @param frame         index of the best frame, or -1 when the clip embedding matched best
 * @param clipEmbedding index of the best clip embedding, or -1 when a frame matched best
 */
public record QuestionMatch(double score, int frame, int clipEmbedding) {

    /**
     * Scores a clip's embeddings against {@code question}: {@code count} frame embeddings and {@code clipCount}
     * clip embeddings, each row-major rows of {@code dim} floats. Returns {@code null} when the dims differ
     * (another model's space), there is nothing to score, or the question is a zero vector.
     */
    public static QuestionMatch best(float[] question, float[] frames, int count, float[] clipEmbeddings, int clipCount,
                                     int dim) {
        if (question.length != dim || count + clipCount == 0 || Similarity.norm(question) < Similarity.NORM_FLOOR) {
            return null;
        }
        Similarity.EntryScore best = Similarity.entryScore(question, frames, count, clipEmbeddings, clipCount, dim);
        return new QuestionMatch(best.score(), best.frameRow(), best.clipRow());
    }

    /** {@link #best(float[], float[], int, float[], int, int)} of a clip without a clip embedding. */
    public static QuestionMatch best(float[] question, float[] frames, int count, int dim) {
        return best(question, frames, count, new float[0], 0, dim);
    }

    /** Whether the clip embedding, not a frame, matched best. */
    public boolean byClipEmbedding() {
        return clipEmbedding >= 0;
    }

    /**
     * The instant an alert cites for this match, epoch millis: the best frame's event time; or, when the clip
     * embedding matched best, the midpoint of the clip's span. A clip embedding sums up the whole clip and names
     * no frame, so its midpoint is the instant nearest to all of what it saw (at most half a clip from any of it),
     * and the one the clip's keyframe (its middle frame) shows. Its start or last frame would lean to one end.
     */
    public long momentTime(ClipTokens clip) {
        long start = clip.getStart().toEpochMilli();
        if (byClipEmbedding()) {
            return start + (clip.getEnd().toEpochMilli() - start) / 2;
        }
        return frame >= 0 && frame < clip.getFrameTimes().size() ? clip.getFrameTimes().get(frame).toEpochMilli() : start;
    }
}
