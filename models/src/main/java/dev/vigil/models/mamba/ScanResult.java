package dev.vigil.models.mamba;

import ai.djl.ndarray.NDArray;

/**
 * The outputs of a selective scan.
 *
 * @param y    y_t = C_t·h_t + D ⊙ x̂_t, before the silu(z) gate [B, L, d_inner]
 * @param last h after the last step [B, d_inner, d_state], the state to carry into the next call
 */
public record ScanResult(NDArray y, NDArray last) {
}
