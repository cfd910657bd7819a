package dev.vigil.models.pooling;

import ai.djl.ndarray.NDArray;

import java.util.stream.LongStream;

/**
 * STORM test-time temporal sampling: keep one frame's tokens in every {@code stride}, training-free,
 * applied after the temporal encoder.
 *
 * <p>Rule: keep stream frame g iff g mod stride = 0. Unlike a linspace over the whole video, it depends
 * only on a frame's own index, so a live stream can apply it clip by clip without knowing its length,
 * and re-running any clip keeps the same frames.
 *
 * @param stride keep every stride-th frame (1 keeps all)
 */
public record TemporalSampling(int stride) {

    public TemporalSampling {
        if (stride <= 0) {
            throw new IllegalArgumentException("stride must be > 0, got " + stride);
        }
    }

    /** Stream frame indices kept among {@code frames} frames starting at stream frame {@code firstFrame}. */
    public long[] keptFrames(long firstFrame, int frames) {
        if (firstFrame < 0) {
            throw new IllegalArgumentException("firstFrame must be >= 0");
        }
        long first = ((firstFrame + stride - 1) / stride) * stride;
        return LongStream.iterate(first, g -> g < firstFrame + frames, g -> g + stride).toArray();
    }

    /**
     * Keeps the sampled frames of a batch whose streams are all at the same frame phase (clips of a fixed
     * length that is a multiple of the stride always are).
     *
     * @param tokens     [B, T, ...] a clip per stream, frames on axis 1
     * @param firstFrame the stream frame index of the clip's first frame
     */
    public SampledFrames apply(NDArray tokens, long firstFrame) {
        int frames = Math.toIntExact(tokens.getShape().get(1));
        long[] kept = keptFrames(firstFrame, frames);
        long[] local = LongStream.of(kept).map(g -> g - firstFrame).toArray();
        NDArray index = tokens.getManager().create(local);
        NDArray picked = tokens.swapAxes(0, 1).get(index).swapAxes(0, 1);
        index.close();
        return new SampledFrames(picked, kept);
    }
}
