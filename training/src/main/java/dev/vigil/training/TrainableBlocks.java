package dev.vigil.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

import java.util.Map;

/**
 * SigLIP's transformer blocks as differentiable functions of named parameters (Hugging Face names and layouts):
 * linear layers, layer norms, the tanh-GELU MLP, multi-head attention and the attention-pooling (MAP) head.
 *
 * <p>Written for autograd: no in-place operation, nothing precomputed from the weights, and every constant operand a
 * {@link GraphConstant}. Parameters are read from the caller's map on every call, so an optimiser that replaces an
 * entry there replaces the parameter.
 */
final class TrainableBlocks {

    private final Map<String, NDArray> parameters;

    TrainableBlocks(Map<String, NDArray> parameters) {
        this.parameters = parameters;
    }

    /** Shapes of a MAP head's tensors under {@code prefix} (width {@code d}, MLP width {@code m}), into {@code s}. */
    static void attentionPoolingShapes(Map<String, Shape> s, String prefix, long d, long m) {
        s.put(prefix + ".probe", new Shape(1, 1, d));
        s.put(prefix + ".attention.in_proj_weight", new Shape(3 * d, d));
        s.put(prefix + ".attention.in_proj_bias", new Shape(3 * d));
        linearShapes(s, prefix + ".attention.out_proj", d, d);
        normShapes(s, prefix + ".layernorm", d);
        linearShapes(s, prefix + ".mlp.fc1", d, m);
        linearShapes(s, prefix + ".mlp.fc2", m, d);
    }

    static void linearShapes(Map<String, Shape> s, String prefix, long in, long out) {
        s.put(prefix + ".weight", new Shape(out, in));
        s.put(prefix + ".bias", new Shape(out));
    }

    static void normShapes(Map<String, Shape> s, String prefix, long d) {
        s.put(prefix + ".weight", new Shape(d));
        s.put(prefix + ".bias", new Shape(d));
    }

    /**
     * SigLIP's MAP head under {@code prefix}: a learned probe attends over {@code tokens [B, N, D]}, then
     * {@code h + mlp(layernorm(h))}; returns {@code [B, D]}.
     */
    NDArray attentionPool(NDArray tokens, String prefix, int heads, double layerNormEps) {
        long b = tokens.getShape().get(0);
        long d = tokens.getShape().get(2);
        NDArray inWeight = param(prefix + ".attention.in_proj_weight");
        NDArray inBias = param(prefix + ".attention.in_proj_bias");
        NDArray q = param(prefix + ".probe").reshape(1, d).matMul(inWeight.get(new NDIndex("0:{}", d)).transpose())
                .add(inBias.get(new NDIndex("0:{}", d)));
        NDArray k = tokens.matMul(inWeight.get(new NDIndex("{}:{}", d, 2 * d)).transpose())
                .add(inBias.get(new NDIndex("{}:{}", d, 2 * d)));
        NDArray v = tokens.matMul(inWeight.get(new NDIndex("{}:", 2 * d)).transpose())
                .add(inBias.get(new NDIndex("{}:", 2 * d)));
        NDArray context = attend(splitHeads(q.reshape(1, 1, d), heads), splitHeads(k, heads), splitHeads(v, heads),
                Math.pow((double) d / heads, -0.5));
        NDArray attended = linear(mergeHeads(context), prefix + ".attention.out_proj");
        NDArray h = attended.add(mlp(layerNorm(attended, prefix + ".layernorm", layerNormEps), prefix + ".mlp."));
        return h.reshape(b, d);
    }

    /** {@code x W^T + b} with {@code prefix.weight} and {@code prefix.bias}. */
    NDArray linear(NDArray x, String prefix) {
        return x.matMul(param(prefix + ".weight").transpose()).add(param(prefix + ".bias"));
    }

    /** fc1 → gelu_pytorch_tanh → fc2, SigLIP's MLP. */
    NDArray mlp(NDArray x, String prefix) {
        NDArray h = linear(x, prefix + "fc1");
        // gelu_pytorch_tanh: 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))
        NDArray inner = h.pow(GraphConstant.of(h, 3)).mul(GraphConstant.of(h, 0.044715)).add(h)
                .mul(GraphConstant.of(h, Math.sqrt(2.0 / Math.PI)));
        return linear(inner.tanh().add(GraphConstant.of(h, 1)).mul(h).mul(GraphConstant.of(h, 0.5)), prefix + "fc2");
    }

    /** Layer norm over the last axis with {@code prefix.weight} and {@code prefix.bias}. */
    NDArray layerNorm(NDArray x, String prefix, double eps) {
        NDArray centered = x.sub(x.mean(new int[] {-1}, true));
        NDArray variance = centered.square().mean(new int[] {-1}, true);
        return centered.div(variance.add(GraphConstant.of(x, eps)).sqrt())
                .mul(param(prefix + ".weight")).add(param(prefix + ".bias"));
    }

    static NDArray splitHeads(NDArray x, int heads) {
        long b = x.getShape().get(0);
        long n = x.getShape().get(1);
        long d = x.getShape().get(2) / heads;
        return x.reshape(b, n, heads, d).transpose(0, 2, 1, 3);
    }

    static NDArray mergeHeads(NDArray x) {
        long b = x.getShape().get(0);
        long h = x.getShape().get(1);
        long n = x.getShape().get(2);
        long d = x.getShape().get(3);
        return x.transpose(0, 2, 1, 3).reshape(b, n, h * d);
    }

    static NDArray attend(NDArray q, NDArray k, NDArray v, double scale) {
        return q.matMul(k.transpose(0, 1, 3, 2)).mul(GraphConstant.of(q, scale)).softmax(-1).matMul(v);
    }

    /** The named parameter. */
    NDArray param(String name) {
        NDArray p = parameters.get(name);
        if (p == null) {
            throw new IllegalStateException("no parameter " + name);
        }
        return p;
    }
}
