package dev.vigil.models.mamba;

import ai.djl.ndarray.NDArray;

/**
 * One block's carried state for a whole batch, stacked on the device.
 *
 * @param ssm      h [B, d_inner, d_state]
 * @param convTail last d_conv − 1 pre-conv inputs [B, d_inner, d_conv − 1]
 */
record LayerStates(NDArray ssm, NDArray convTail) {
}
