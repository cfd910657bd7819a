package dev.vigil.models.siglip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** {@code y = x W^T + b} for a Hugging Face {@code nn.Linear} stored as {@code <name>.weight [out, in]}. */
final class Linear {

    private final NDArray weightT;
    private final NDArray bias;

    private Linear(NDArray weightT, NDArray bias) {
        this.weightT = weightT;
        this.bias = bias;
    }

    /** Loads {@code prefix.weight} and, if present, {@code prefix.bias}. */
    static Linear load(ParameterLoader loader, String prefix, long in, long out) {
        // transposed once at load so every forward is a plain x.matMul(w)
        NDArray weightT = loader.load(prefix + ".weight", new Shape(out, in)).transpose();
        NDArray bias = loader.contains(prefix + ".bias") ? loader.load(prefix + ".bias", new Shape(out)) : null;
        return new Linear(weightT, bias);
    }

    /** Builds from already-loaded parts, {@code weight [out, in]}; bias may be null. */
    static Linear of(NDArray weight, NDArray bias) {
        return new Linear(weight.transpose(), bias);
    }

    NDArray forward(NDArray x) {
        NDArray y = x.matMul(weightT);
        return bias == null ? y : y.addi(bias);
    }
}
