package dev.vigil.models.mamba;

import ai.djl.ndarray.NDArray;

/**
 * One block's carried state for a whole batch, stacked on the device (public for the temporal trainer, which runs
 * {@link MambaMixer} itself).
 *
 * @param ssm      h [B, d_inner, d_state]
 * @param convTail last d_conv − 1 pre-conv inputs [B, d_inner, d_conv − 1]
 */
public record LayerStates(NDArray ssm, NDArray convTail) {
}
