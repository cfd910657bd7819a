package dev.vigil.models.merge;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;


/**
 * A batch of (possibly merged) token sequences with the bookkeeping merging carries from step to step.
 *
 * @param features [B, T, C] fp32, each merged token the size-weighted mean of its originals
 * @param sizes    [B, T] fp32, how many original tokens each token stands for (sums to T0 per stream)
 * @param sources  [B, T0] int64: for each original token, the index of the current token that holds it;
 *                 equivalent to ToMe's source matrix (entry (i, j) = 1 iff {@code sources[j] == i}) in
 *                 O(T0) instead of O(T·T0)
 * @param origins  [B, T] int64, the smallest original index each current token holds
 */
public record TokenSet(NDArray features, NDArray sizes, NDArray sources, NDArray origins) {

    /**
     * Unmerged tokens: size 1 each, token i holds original i. The set shares {@code features} with the
     * caller when they are fp32 already; all arrays live on the features' manager.
     */
    public static TokenSet of(NDArray features) {
        Shape shape = features.getShape();
        if (shape.dimension() != 3) {
            throw new IllegalArgumentException("features must be [B, T, C], got " + shape);
        }
        NDManager m = features.getManager();
        long batch = shape.get(0);
        long count = shape.get(1);
        NDArray positions = m.arange(0, (int) count, 1, DataType.INT64).expandDims(0);
        NDArray identity = positions.repeat(0, batch);
        return new TokenSet(features.toType(DataType.FLOAT32, false),
                m.ones(new Shape(batch, count), DataType.FLOAT32), identity, identity.duplicate());
    }

    /** Streams in the batch. */
    public int batchSize() {
        return Math.toIntExact(features.getShape().get(0));
    }

    /** Current tokens per stream. */
    public int tokenCount() {
        return Math.toIntExact(features.getShape().get(1));
    }

    /** Original tokens per stream. */
    public int originalCount() {
        return Math.toIntExact(sources.getShape().get(1));
    }

    /** The original token indices that current token {@code token} of stream {@code stream} holds, ascending. */
    public long[] sourcesOf(int stream, int token) {
        long[] owners = sources.get(stream).toLongArray();
        return java.util.stream.IntStream.range(0, owners.length)
                .filter(j -> owners[j] == token)
                .mapToLong(j -> j)
                .toArray();
    }
}
