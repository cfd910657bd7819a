package dev.vigil.models.pooling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * One embedding per frame: the mean of its patch tokens. SigLIP has no class token, so this stands in for
 * LongVLM's per-frame [CLS] as the input of {@link GlobalSemantics}.
 */
public final class FrameMeanPooling {

    /**
     * @param tokens [..., P, C] patch tokens of each frame
     * @return [..., C] fp32
     */
    public NDArray apply(NDArray tokens) {
        int patchAxis = tokens.getShape().dimension() - 2;
        return tokens.toType(DataType.FLOAT32, false).mean(new int[] {patchAxis});
    }
}
