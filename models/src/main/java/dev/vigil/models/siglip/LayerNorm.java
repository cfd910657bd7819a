package dev.vigil.models.siglip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** Layer normalisation over the last axis with affine {@code weight} and {@code bias}, computed in fp32. */
final class LayerNorm {

    private final NDArray weight;
    private final NDArray bias;
    private final float eps;
    private final Shape normalized;

    private LayerNorm(NDArray weight, NDArray bias, float eps) {
        this.weight = weight;
        this.bias = bias;
        this.eps = eps;
        this.normalized = weight.getShape();
    }

    static LayerNorm load(ParameterLoader loader, String prefix, long dim, double eps) {
        return new LayerNorm(loader.loadFp32(prefix + ".weight", new Shape(dim)),
                loader.loadFp32(prefix + ".bias", new Shape(dim)), (float) eps);
    }

    NDArray forward(NDArray x) {
        DataType type = x.getDataType();
        NDArray xf = x.toType(DataType.FLOAT32, false);
        // PyTorch's fused layer_norm: one pass instead of nine elementwise ops and two reductions
        NDArray y = ai.djl.nn.norm.LayerNorm.layerNorm(xf, normalized, weight, bias, eps).singletonOrThrow();
        return y.toType(type, false);
    }
}
