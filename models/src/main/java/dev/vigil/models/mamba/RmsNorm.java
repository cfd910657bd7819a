package dev.vigil.models.mamba;

import ai.djl.ndarray.NDArray;

/** RMSNorm as in HF {@code MambaRMSNorm}: x · rsqrt(mean(x²) + eps) · weight over the last axis, in fp32. */
final class RmsNorm {

    private final float epsilon;

    RmsNorm(double epsilon) {
        this.epsilon = (float) epsilon;
    }

    NDArray apply(NDArray x, NDArray weight) {
        NDArray meanSquare = x.square().mean(new int[] {-1}, true);
        return x.mul(meanSquare.add(epsilon).sqrt().pow(-1)).mul(weight);
    }
}
