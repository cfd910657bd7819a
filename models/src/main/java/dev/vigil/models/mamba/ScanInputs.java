package dev.vigil.models.mamba;

import ai.djl.ndarray.NDArray;

/**
 * The discretisation inputs of one selective scan over a batch of streams, all fp32.
 *
 * @param x       post-conv, post-silu input x̂ [B, L, d_inner]
 * @param delta   Δ after the bias and softplus [B, L, d_inner]
 * @param a       A = −exp(A_log) [d_inner, d_state]
 * @param b       input-dependent B [B, L, d_state]
 * @param c       input-dependent C [B, L, d_state]
 * @param d       skip weights [d_inner]
 * @param initial h before the first step [B, d_inner, d_state]
 */
public record ScanInputs(NDArray x, NDArray delta, NDArray a, NDArray b, NDArray c, NDArray d, NDArray initial) {
}
