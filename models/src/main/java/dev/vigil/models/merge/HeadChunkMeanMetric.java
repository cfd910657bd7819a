package dev.vigil.models.merge;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The metric of LongVLM and VideoChat-Flash ("hd64"): the feature is cut into consecutive head-sized chunks
 * and the chunks are averaged, so a 1024-wide feature with chunk 64 gives a 64-wide metric. It stands in
 * for ToMe's head-averaged keys when merging runs on encoder outputs rather than inside attention.
 *
 * @param chunkSize the head width; the feature width must be a multiple of it
 */
public record HeadChunkMeanMetric(int chunkSize) implements MergeMetric {

    /** The width used by both papers' code (1024 / 16 heads). */
    public static final int DEFAULT_CHUNK = 64;

    public HeadChunkMeanMetric {
        if (chunkSize <= 0) {
            throw new IllegalArgumentException("chunkSize must be > 0, got " + chunkSize);
        }
    }

    /** Chunks of {@value #DEFAULT_CHUNK}. */
    public HeadChunkMeanMetric() {
        this(DEFAULT_CHUNK);
    }

    @Override
    public NDArray of(NDArray features) {
        Shape shape = features.getShape();
        long width = shape.get(2);
        if (width % chunkSize != 0) {
            throw new IllegalArgumentException("feature width " + width + " is not a multiple of the metric chunk "
                    + chunkSize);
        }
        return features.toType(DataType.FLOAT32, false)
                .reshape(shape.get(0), shape.get(1), width / chunkSize, chunkSize)
                .mean(new int[] {2});
    }
}
