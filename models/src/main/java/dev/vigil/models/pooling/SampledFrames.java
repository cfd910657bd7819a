package dev.vigil.models.pooling;

import ai.djl.ndarray.NDArray;

/**
 * Frames kept by {@link TemporalSampling}.
 *
 * @param tokens       [B, kept, ...] the kept frames' tokens, in time order
 * @param frameIndices the kept frames' stream-wide indices
 */
public record SampledFrames(NDArray tokens, long[] frameIndices) {
}
