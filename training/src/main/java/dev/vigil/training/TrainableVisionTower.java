package dev.vigil.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.vigil.models.siglip.SiglipVisionConfig;
import dev.vigil.models.siglip.SiglipVisionTower;
import dev.vigil.models.siglip.TransformerDims;
import dev.vigil.models.weights.Weights;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SigLIP vision tower with attention-pooling head as a differentiable function of named parameters, for
 * training.
 *
 * <p>The same arithmetic as {@link SiglipVisionTower} (patchify + matrix product for the patch convolution,
 * learned positions, pre-norm layers with tanh-GELU MLPs, {@code post_layernorm}, the MAP head) on the same
 * Hugging Face tensor names and layouts, but written without in-place operations, without precomputing anything
 * from the weights (so autograd sees every parameter) and with {@link GraphConstant} for every constant operand.
 * {@code TrainableVisionTowerTest} checks that both give the same pooled embeddings for the same weights. (The
 * inference tower stays as it is: it transposes weights once at load and computes the probe's query once, which
 * training cannot do.)
 *
 * <p>Parameters are fp32 arrays in the caller's manager with gradients attached, read by name from the caller's map.
 */
public final class TrainableVisionTower {

    private static final String V = SiglipVisionTower.PREFIX + ".";

    private final SiglipVisionConfig config;
    private final Map<String, NDArray> parameters;

    private TrainableVisionTower(SiglipVisionConfig config, Map<String, NDArray> parameters) {
        this.config = config;
        this.parameters = parameters;
    }

    /**
     * Loads every vision parameter (tower and head) from {@code weights} into {@code manager}, attaches gradients and
     * puts them into {@code parameters}, which the tower then reads on every forward: an optimiser that replaces an
     * entry there replaces the tower's parameter.
     */
    public static TrainableVisionTower load(Weights weights, SiglipVisionConfig config, NDManager manager,
                                            Map<String, NDArray> parameters) {
        for (Map.Entry<String, Shape> e : shapes(config).entrySet()) {
            NDArray p = weights.get(e.getKey(), e.getValue(), manager);
            p.setRequiresGradient(true);
            parameters.put(e.getKey(), p);
        }
        return new TrainableVisionTower(config, parameters);
    }

    /** Every trained tensor's Hugging Face name and shape, in a fixed order. */
    public static Map<String, Shape> shapes(SiglipVisionConfig config) {
        TransformerDims dims = config.dims();
        long d = dims.hidden();
        long m = dims.intermediate();
        long p = config.patchSize();
        Map<String, Shape> s = new LinkedHashMap<>();
        s.put(V + "embeddings.patch_embedding.weight", new Shape(d, 3, p, p));
        s.put(V + "embeddings.patch_embedding.bias", new Shape(d));
        s.put(V + "embeddings.position_embedding.weight", new Shape(config.tokensPerFrame(), d));
        for (int i = 0; i < dims.layers(); i++) {
            String l = V + "encoder.layers." + i + ".";
            norm(s, l + "layer_norm1", d);
            for (String proj : List.of("q_proj", "k_proj", "v_proj", "out_proj")) {
                linear(s, l + "self_attn." + proj, d, d);
            }
            norm(s, l + "layer_norm2", d);
            linear(s, l + "mlp.fc1", d, m);
            linear(s, l + "mlp.fc2", m, d);
        }
        norm(s, V + "post_layernorm", d);
        s.put(V + "head.probe", new Shape(1, 1, d));
        s.put(V + "head.attention.in_proj_weight", new Shape(3 * d, d));
        s.put(V + "head.attention.in_proj_bias", new Shape(3 * d));
        linear(s, V + "head.attention.out_proj", d, d);
        norm(s, V + "head.layernorm", d);
        linear(s, V + "head.mlp.fc1", d, m);
        linear(s, V + "head.mlp.fc2", m, d);
        return s;
    }

    private static void linear(Map<String, Shape> s, String prefix, long in, long out) {
        s.put(prefix + ".weight", new Shape(out, in));
        s.put(prefix + ".bias", new Shape(out));
    }

    private static void norm(Map<String, Shape> s, String prefix, long d) {
        s.put(prefix + ".weight", new Shape(d));
        s.put(prefix + ".bias", new Shape(d));
    }

    /** The architecture. */
    public SiglipVisionConfig config() {
        return config;
    }

    /** Pooled frame embeddings {@code [B, hidden]} of normalised pixels {@code [B, 3, size, size]}. */
    public NDArray pooled(NDArray pixels) {
        return head(patchTokens(pixels));
    }

    /** Patch tokens after {@code post_layernorm}, {@code [B, patches, hidden]}. */
    public NDArray patchTokens(NDArray pixels) {
        long b = pixels.getShape().get(0);
        int g = config.gridSize();
        int p = config.patchSize();
        long d = config.dims().hidden();
        NDArray patches = pixels.reshape(b, 3, g, p, g, p).transpose(0, 2, 4, 1, 3, 5).reshape(b, (long) g * g, 3L * p * p);
        NDArray weight = param(V + "embeddings.patch_embedding.weight").reshape(d, 3L * p * p);
        NDArray x = patches.matMul(weight.transpose()).add(param(V + "embeddings.patch_embedding.bias"))
                .add(param(V + "embeddings.position_embedding.weight"));
        for (int i = 0; i < config.dims().layers(); i++) {
            String l = V + "encoder.layers." + i + ".";
            NDArray h = x.add(selfAttention(layerNorm(x, l + "layer_norm1"), l + "self_attn."));
            x = h.add(mlp(layerNorm(h, l + "layer_norm2"), l + "mlp."));
        }
        return layerNorm(x, V + "post_layernorm");
    }

    private NDArray head(NDArray tokens) {
        long b = tokens.getShape().get(0);
        long d = config.dims().hidden();
        int heads = config.dims().heads();
        NDArray inWeight = param(V + "head.attention.in_proj_weight");
        NDArray inBias = param(V + "head.attention.in_proj_bias");
        NDArray q = param(V + "head.probe").reshape(1, d).matMul(inWeight.get(new NDIndex("0:{}", d)).transpose())
                .add(inBias.get(new NDIndex("0:{}", d)));
        NDArray k = tokens.matMul(inWeight.get(new NDIndex("{}:{}", d, 2 * d)).transpose())
                .add(inBias.get(new NDIndex("{}:{}", d, 2 * d)));
        NDArray v = tokens.matMul(inWeight.get(new NDIndex("{}:", 2 * d)).transpose())
                .add(inBias.get(new NDIndex("{}:", 2 * d)));
        NDArray context = attend(splitHeads(q.reshape(1, 1, d), heads), splitHeads(k, heads), splitHeads(v, heads),
                Math.pow((double) d / heads, -0.5));
        NDArray attended = linear(mergeHeads(context), V + "head.attention.out_proj");
        NDArray h = attended.add(mlp(layerNorm(attended, V + "head.layernorm"), V + "head.mlp."));
        return h.reshape(b, d);
    }

    private NDArray selfAttention(NDArray x, String prefix) {
        int heads = config.dims().heads();
        NDArray context = attend(
                splitHeads(linear(x, prefix + "q_proj"), heads),
                splitHeads(linear(x, prefix + "k_proj"), heads),
                splitHeads(linear(x, prefix + "v_proj"), heads),
                Math.pow((double) config.dims().hidden() / heads, -0.5));
        return linear(mergeHeads(context), prefix + "out_proj");
    }

    private NDArray mlp(NDArray x, String prefix) {
        NDArray h = linear(x, prefix + "fc1");
        // gelu_pytorch_tanh: 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))), SigLIP's activation
        NDArray inner = h.pow(GraphConstant.of(h, 3)).mul(GraphConstant.of(h, 0.044715)).add(h)
                .mul(GraphConstant.of(h, Math.sqrt(2.0 / Math.PI)));
        return linear(inner.tanh().add(GraphConstant.of(h, 1)).mul(h).mul(GraphConstant.of(h, 0.5)), prefix + "fc2");
    }

    private NDArray linear(NDArray x, String prefix) {
        return x.matMul(param(prefix + ".weight").transpose()).add(param(prefix + ".bias"));
    }

    private NDArray layerNorm(NDArray x, String prefix) {
        NDArray centered = x.sub(x.mean(new int[] {-1}, true));
        NDArray variance = centered.square().mean(new int[] {-1}, true);
        return centered.div(variance.add(GraphConstant.of(x, config.dims().layerNormEps())).sqrt())
                .mul(param(prefix + ".weight")).add(param(prefix + ".bias"));
    }

    private static NDArray splitHeads(NDArray x, int heads) {
        long b = x.getShape().get(0);
        long n = x.getShape().get(1);
        long d = x.getShape().get(2) / heads;
        return x.reshape(b, n, heads, d).transpose(0, 2, 1, 3);
    }

    private static NDArray mergeHeads(NDArray x) {
        long b = x.getShape().get(0);
        long h = x.getShape().get(1);
        long n = x.getShape().get(2);
        long d = x.getShape().get(3);
        return x.transpose(0, 2, 1, 3).reshape(b, n, h * d);
    }

    private static NDArray attend(NDArray q, NDArray k, NDArray v, double scale) {
        return q.matMul(k.transpose(0, 1, 3, 2)).mul(GraphConstant.of(q, scale)).softmax(-1).matMul(v);
    }

    private NDArray param(String name) {
        NDArray p = parameters.get(name);
        if (p == null) {
            throw new IllegalStateException("no parameter " + name);
        }
        return p;
    }

}
