package dev.vigil.models.siglip;

import ai.djl.ndarray.NDArray;

/** A pre-norm transformer layer: {@code x += attn(ln1(x)); x += mlp(ln2(x))}. */
final class EncoderLayer {

    private final LayerNorm norm1;
    private final SelfAttention attention;
    private final LayerNorm norm2;
    private final Mlp mlp;

    private EncoderLayer(LayerNorm norm1, SelfAttention attention, LayerNorm norm2, Mlp mlp) {
        this.norm1 = norm1;
        this.attention = attention;
        this.norm2 = norm2;
        this.mlp = mlp;
    }

    static EncoderLayer load(ParameterLoader loader, String prefix, TransformerDims dims) {
        return new EncoderLayer(
                LayerNorm.load(loader, prefix + ".layer_norm1", dims.hidden(), dims.layerNormEps()),
                SelfAttention.load(loader, prefix + ".self_attn", dims.hidden(), dims.heads()),
                LayerNorm.load(loader, prefix + ".layer_norm2", dims.hidden(), dims.layerNormEps()),
                Mlp.load(loader, prefix + ".mlp", dims.hidden(), dims.intermediate(), dims.activation()));
    }

    NDArray forward(NDArray x) {
        NDArray h = x.add(attention.forward(norm1.forward(x)));
        return h.add(mlp.forward(norm2.forward(h)));
    }
}
