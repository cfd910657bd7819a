package dev.vigil.models.pooling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * STORM temporal pooling: the token grids of {@code factor} consecutive frames are averaged position by
 * position, so a clip of T frames becomes T/factor frames of the same grid (STORM uses 4). Applied after
 * the temporal encoder, whose tokens already carry information from the frames being averaged away.
 *
 * <p>Streaming note: a clip must hold whole groups (T a multiple of the factor), so that groups never
 * straddle clips and each clip's output is final when it is emitted.
 *
 * @param factor frames per group
 */
public record TemporalAveragePooling(int factor) {

    public TemporalAveragePooling {
        if (factor <= 0) {
            throw new IllegalArgumentException("factor must be > 0, got " + factor);
        }
    }

    /**
     * @param frames [B, T, P, C] with T a multiple of {@link #factor}
     * @return [B, T / factor, P, C], fp32 mean of each group (on the input's manager)
     */
    public NDArray apply(NDArray frames) {
        Shape s = frames.getShape();
        if (s.dimension() != 4) {
            throw new IllegalArgumentException("frames must be [B, T, P, C], got " + s);
        }
        if (s.get(1) % factor != 0) {
            throw new IllegalArgumentException(s.get(1) + " frames do not split into groups of " + factor);
        }
        return frames.reshape(s.get(0), s.get(1) / factor, factor, s.get(2), s.get(3)).mean(new int[] {2});
    }
}
