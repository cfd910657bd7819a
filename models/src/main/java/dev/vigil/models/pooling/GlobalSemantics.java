package dev.vigil.models.pooling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.util.Arrays;

/**
 * LongVLM global semantics for an unbounded stream: the mean of all frame embeddings seen so far, kept as a
 * frame count and a running sum so that it is exact, order-independent and resumable from a checkpoint.
 * LongVLM averages per-frame [CLS] features over a whole (finite) video and prepends the result; a live
 * stream can only ever have the mean so far, which is exactly this.
 *
 * <p>The sum is kept in double precision: a camera at 1 fps adds 86 400 frames a day, and a float sum
 * would lose the last frames' contribution to rounding within weeks.
 *
 * @param frames how many frame embeddings were added
 * @param sum    their element-wise sum
 */
public record GlobalSemantics(long frames, double[] sum) {

    public GlobalSemantics {
        if (frames < 0) {
            throw new IllegalArgumentException("frames must be >= 0");
        }
        sum = sum.clone();
    }

    /** A stream that has seen nothing yet. */
    public static GlobalSemantics empty(int dim) {
        return new GlobalSemantics(0, new double[dim]);
    }

    /** Embedding width. */
    public int dim() {
        return sum.length;
    }

    /** The sum, copied (records would otherwise expose the array). */
    @Override
    public double[] sum() {
        return sum.clone();
    }

    /**
     * Adds frame embeddings.
     *
     * @param frameEmbeddings [F, C] (e.g. from {@link FrameMeanPooling}), one row per frame
     * @return the updated value; this one is unchanged
     */
    public GlobalSemantics plus(NDArray frameEmbeddings) {
        Shape s = frameEmbeddings.getShape();
        if (s.dimension() != 2 || s.get(1) != sum.length) {
            throw new IllegalArgumentException("frame embeddings must be [F, " + sum.length + "], got " + s);
        }
        double[] added = frameEmbeddings.toType(DataType.FLOAT64, false).sum(new int[] {0}).toDoubleArray();
        double[] next = sum.clone();
        for (int i = 0; i < next.length; i++) {
            next[i] += added[i];
        }
        return new GlobalSemantics(frames + s.get(0), next);
    }

    /** The mean so far, fp32; zeros before the first frame. */
    public float[] mean() {
        float[] out = new float[sum.length];
        if (frames > 0) {
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) (sum[i] / frames);
            }
        }
        return out;
    }

    /** The mean as a [C] array on {@code manager}. */
    public NDArray mean(NDManager manager) {
        return manager.create(mean());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof GlobalSemantics that && frames == that.frames && Arrays.equals(sum, that.sum);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(frames) + Arrays.hashCode(sum);
    }

    @Override
    public String toString() {
        return "GlobalSemantics[frames=" + frames + ", dim=" + sum.length + "]";
    }
}
