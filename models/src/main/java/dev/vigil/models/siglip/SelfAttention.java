package dev.vigil.models.siglip;

import ai.djl.ndarray.NDArray;

/** SigLIP self-attention: {@code q_proj}, {@code k_proj}, {@code v_proj}, {@code out_proj}, all with bias. */
final class SelfAttention {

    private final Linear q;
    private final Linear k;
    private final Linear v;
    private final Linear out;
    private final int heads;
    private final double scale;

    private SelfAttention(Linear q, Linear k, Linear v, Linear out, int heads, double scale) {
        this.q = q;
        this.k = k;
        this.v = v;
        this.out = out;
        this.heads = heads;
        this.scale = scale;
    }

    static SelfAttention load(ParameterLoader loader, String prefix, long hidden, int heads) {
        if (hidden % heads != 0) {
            throw new IllegalArgumentException("hidden_size " + hidden + " is not divisible by num_attention_heads "
                    + heads);
        }
        return new SelfAttention(
                Linear.load(loader, prefix + ".q_proj", hidden, hidden),
                Linear.load(loader, prefix + ".k_proj", hidden, hidden),
                Linear.load(loader, prefix + ".v_proj", hidden, hidden),
                Linear.load(loader, prefix + ".out_proj", hidden, hidden),
                heads, Math.pow((double) hidden / heads, -0.5));
    }

    /** {@code x [B, N, D]} to {@code [B, N, D]}; every token attends to every token (no mask). */
    NDArray forward(NDArray x) {
        NDArray context = Attention.attend(
                Attention.splitHeads(q.forward(x), heads),
                Attention.splitHeads(k.forward(x), heads),
                Attention.splitHeads(v.forward(x), heads), scale);
        return out.forward(Attention.mergeHeads(context));
    }
}
