package dev.vigil.models.siglip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * SigLIP's multihead attention pooling ("MAP") head: one learned probe attends over all patch tokens through a
 * {@code torch.nn.MultiheadAttention} ({@code in_proj_weight} packs q, k, v), then
 * {@code h + mlp(layernorm(h))}; the result is the frame embedding SigLIP compares with text.
 */
final class AttentionPoolingHead {

    private final NDArray query;
    private final Linear key;
    private final Linear value;
    private final Linear out;
    private final LayerNorm norm;
    private final Mlp mlp;
    private final int heads;
    private final double scale;

    private AttentionPoolingHead(NDArray query, Linear key, Linear value, Linear out, LayerNorm norm, Mlp mlp,
                                 int heads, double scale) {
        this.query = query;
        this.key = key;
        this.value = value;
        this.out = out;
        this.norm = norm;
        this.mlp = mlp;
        this.heads = heads;
        this.scale = scale;
    }

    static boolean present(ParameterLoader loader, String prefix) {
        return loader.contains(prefix + ".probe");
    }

    static AttentionPoolingHead load(ParameterLoader loader, String prefix, TransformerDims dims) {
        long d = dims.hidden();
        NDArray probe = loader.loadFp32(prefix + ".probe", new Shape(1, 1, d));
        NDArray inWeight = loader.loadFp32(prefix + ".attention.in_proj_weight", new Shape(3 * d, d));
        NDArray inBias = loader.loadFp32(prefix + ".attention.in_proj_bias", new Shape(3 * d));
        // the probe is a constant, so its query projection is computed once here instead of per batch
        NDArray q = probe.reshape(1, d).matMul(inWeight.get(new NDIndex("0:{}", d)).transpose())
                .add(inBias.get(new NDIndex("0:{}", d)));
        NDArray query = loader.cast(Attention.splitHeads(q.reshape(1, 1, d), dims.heads()));
        Linear key = Linear.of(loader.cast(inWeight.get(new NDIndex("{}:{}", d, 2 * d))),
                loader.cast(inBias.get(new NDIndex("{}:{}", d, 2 * d))));
        Linear value = Linear.of(loader.cast(inWeight.get(new NDIndex("{}:", 2 * d))),
                loader.cast(inBias.get(new NDIndex("{}:", 2 * d))));
        Linear out = Linear.load(loader, prefix + ".attention.out_proj", d, d);
        LayerNorm norm = LayerNorm.load(loader, prefix + ".layernorm", d, dims.layerNormEps());
        Mlp mlp = Mlp.load(loader, prefix + ".mlp", d, dims.intermediate(), dims.activation());
        return new AttentionPoolingHead(query, key, value, out, norm, mlp, dims.heads(),
                Math.pow((double) d / dims.heads(), -0.5));
    }

    /** {@code tokens [B, N, D]} to {@code [B, D]}. */
    NDArray forward(NDArray tokens) {
        return forward(tokens, null);
    }

    /**
     * {@code tokens [B, N, D]} to {@code [B, D]}, with {@code logSizes [B, N]} (fp32) added to the attention logits
     * when not null: over merged tokens, log(size) makes a token that stands for s patches weigh as s of them would
     * (ToMe's proportional attention), so pooling merged tokens approximates pooling the tokens they merged.
     */
    NDArray forward(NDArray tokens, NDArray logSizes) {
        NDArray k = Attention.splitHeads(key.forward(tokens), heads);
        NDArray v = Attention.splitHeads(value.forward(tokens), heads);
        NDArray bias = logSizes == null ? null : logSizes.expandDims(1).expandDims(1); // [B, 1, 1, N]
        NDArray attended = out.forward(Attention.mergeHeads(Attention.attend(query, k, v, scale, bias))); // [B, 1, D]
        NDArray h = attended.add(mlp.forward(norm.forward(attended)));
        return h.get(new NDIndex(":, 0, :"));
    }
}
