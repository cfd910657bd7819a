package dev.vigil.models.siglip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/** Scaled dot-product attention over split heads; softmax runs in fp32. */
final class Attention {

    private Attention() {}

    /** {@code [B, N, H*d]} to {@code [B, H, N, d]}. */
    static NDArray splitHeads(NDArray x, int heads) {
        long b = x.getShape().get(0);
        long n = x.getShape().get(1);
        long d = x.getShape().get(2) / heads;
        return x.reshape(b, n, heads, d).transpose(0, 2, 1, 3);
    }

    /** {@code [B, H, N, d]} to {@code [B, N, H*d]}. */
    static NDArray mergeHeads(NDArray x) {
        long b = x.getShape().get(0);
        long h = x.getShape().get(1);
        long n = x.getShape().get(2);
        long d = x.getShape().get(3);
        return x.transpose(0, 2, 1, 3).reshape(b, n, h * d);
    }

    /**
     * softmax(q k^T * scale) v for {@code q [B, H, Nq, d]}, {@code k, v [B, H, Nk, d]}; the softmax is taken
     * in fp32 so half-precision logits cannot overflow.
     */
    static NDArray attend(NDArray q, NDArray k, NDArray v, double scale) {
        return attend(q, k, v, scale, null);
    }

    /**
     * Attention with an additive fp32 bias on the logits, broadcast to {@code [B, heads, queries, keys]} (ToMe's
     * proportional attention adds log(size) per key), or none when {@code bias} is null.
     */
    static NDArray attend(NDArray q, NDArray k, NDArray v, double scale, NDArray bias) {
        NDArray logits = q.matMul(k.transpose(0, 1, 3, 2)).toType(DataType.FLOAT32, false).muli(scale);
        if (bias != null) {
            logits = logits.addi(bias);
        }
        NDArray probs = logits.softmax(-1).toType(v.getDataType(), false);
        return probs.matMul(v);
    }
}
