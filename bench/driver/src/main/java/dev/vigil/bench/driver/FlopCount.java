package dev.vigil.bench.driver;

import dev.vigil.models.bundle.SeededBundleWriter;

/**
 * Floating-point operations of one frame through the clip encoder, counted the usual way for GEMMs: a
 * multiply-add is 2 FLOPs, so an {@code [m×k]·[k×n]} product costs {@code 2·m·k·n}. With P patches per frame,
 * width D, MLP width M, L layers, C = 3 channels and patch side p:
 *
 * <ul>
 *   <li>patch embedding: {@code 2·P·(C·p²)·D}</li>
 *   <li>per layer: Q, K, V and output projections {@code 8·P·D²}; attention scores QKᵀ and the weighted sum
 *       of V {@code 4·P²·D}; MLP {@code 4·P·D·M}</li>
 *   <li>attention-pooling head (one probe query): K and V projections {@code 4·P·D²}, Q and output
 *       projections {@code 4·D²}, scores and sum {@code 4·P·D}, MLP {@code 4·D·M}</li>
 *   <li>Mamba, per token and layer, with d_inner E = expand·D, rank R = ⌈D/16⌉, state N, conv width K:
 *       in-projection {@code 2·D·2E}, causal conv {@code 2·E·K}, x-projection {@code 2·E·(R+2N)},
 *       dt-projection {@code 2·R·E}, selective scan {@code 6·E·N} (discretise, update, read out),
 *       out-projection {@code 2·E·D}; times P tokens per frame</li>
 * </ul>
 *
 * <p>Layer norms, activations, softmax, preprocessing and token merging are not counted: they are not
 * GEMM-shaped, and leaving them out makes the efficiency ratio conservative, never flattering.
 *
 * @param patchEmbed  patch-embedding FLOPs per frame
 * @param layers      all transformer layers
 * @param poolingHead the attention-pooling head
 * @param mamba       the temporal encoder (0 without one)
 * @param total       everything counted, per frame
 */
public record FlopCount(double patchEmbed, double layers, double poolingHead, double mamba, double total) {

    /** Mamba causal-convolution width written by {@link SeededBundleWriter} and used by mamba_ssm. */
    private static final int CONV = 4;
    private static final int EXPAND = 2;

    /**
     * @param shape          the vision tower
     * @param mambaLayers    temporal encoder blocks (0: none)
     * @param mambaState     Mamba d_state
     */
    public static FlopCount of(SeededBundleWriter.Shape shape, int mambaLayers, int mambaState) {
        double p = shape.patches();
        double d = shape.hidden();
        double m = shape.intermediate();
        double patchEmbed = 2 * p * (3.0 * shape.patch() * shape.patch()) * d;
        double perLayer = 8 * p * d * d + 4 * p * p * d + 4 * p * d * m;
        double head = 4 * p * d * d + 4 * d * d + 4 * p * d + 4 * d * m;
        double e = EXPAND * d;
        double rank = Math.ceil(d / 16);
        double perToken = 2 * d * 2 * e + 2 * e * CONV + 2 * e * (rank + 2 * mambaState) + 2 * rank * e
                + 6 * e * mambaState + 2 * e * d;
        double layers = perLayer * shape.layers();
        double mamba = perToken * p * mambaLayers;
        return new FlopCount(patchEmbed, layers, head, mamba, patchEmbed + layers + head + mamba);
    }
}
