package dev.vigil.models.siglip;

import ai.djl.ndarray.NDArray;

/**
 * The vision tower's output for a batch of frames, fp32, on the tower's device, owned by the caller's manager.
 *
 * @param patchTokens {@code [frames, tokensPerFrame, hidden]}, after {@code post_layernorm}, patches in raster
 *     order (row by row)
 * @param pooled {@code [frames, hidden]}: the attention-pooling head's output when the model has one, else the
 *     mean of the patch tokens
 */
public record FrameEncoding(NDArray patchTokens, NDArray pooled) implements AutoCloseable {

    /** Frees both arrays now instead of when the owning manager closes. */
    @Override
    public void close() {
        patchTokens.close();
        pooled.close();
    }
}
