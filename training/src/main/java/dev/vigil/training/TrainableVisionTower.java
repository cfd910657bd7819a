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
    private final TrainableBlocks blocks;

    private TrainableVisionTower(SiglipVisionConfig config, Map<String, NDArray> parameters) {
        this.config = config;
        this.parameters = parameters;
        this.blocks = new TrainableBlocks(parameters);
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
            TrainableBlocks.normShapes(s, l + "layer_norm1", d);
            for (String proj : List.of("q_proj", "k_proj", "v_proj", "out_proj")) {
                TrainableBlocks.linearShapes(s, l + "self_attn." + proj, d, d);
            }
            TrainableBlocks.normShapes(s, l + "layer_norm2", d);
            TrainableBlocks.linearShapes(s, l + "mlp.fc1", d, m);
            TrainableBlocks.linearShapes(s, l + "mlp.fc2", m, d);
        }
        TrainableBlocks.normShapes(s, V + "post_layernorm", d);
        TrainableBlocks.attentionPoolingShapes(s, V + "head", d, m);
        return s;
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
        double eps = config.dims().layerNormEps();
        NDArray patches = pixels.reshape(b, 3, g, p, g, p).transpose(0, 2, 4, 1, 3, 5).reshape(b, (long) g * g, 3L * p * p);
        NDArray weight = blocks.param(V + "embeddings.patch_embedding.weight").reshape(d, 3L * p * p);
        NDArray x = patches.matMul(weight.transpose()).add(blocks.param(V + "embeddings.patch_embedding.bias"))
                .add(blocks.param(V + "embeddings.position_embedding.weight"));
        for (int i = 0; i < config.dims().layers(); i++) {
            String l = V + "encoder.layers." + i + ".";
            NDArray h = x.add(selfAttention(blocks.layerNorm(x, l + "layer_norm1", eps), l + "self_attn."));
            x = h.add(blocks.mlp(blocks.layerNorm(h, l + "layer_norm2", eps), l + "mlp."));
        }
        return blocks.layerNorm(x, V + "post_layernorm", eps);
    }

    private NDArray head(NDArray tokens) {
        return blocks.attentionPool(tokens, V + "head", config.dims().heads(), config.dims().layerNormEps());
    }

    private NDArray selfAttention(NDArray x, String prefix) {
        int heads = config.dims().heads();
        NDArray context = TrainableBlocks.attend(
                TrainableBlocks.splitHeads(blocks.linear(x, prefix + "q_proj"), heads),
                TrainableBlocks.splitHeads(blocks.linear(x, prefix + "k_proj"), heads),
                TrainableBlocks.splitHeads(blocks.linear(x, prefix + "v_proj"), heads),
                Math.pow((double) config.dims().hidden() / heads, -0.5));
        return blocks.linear(TrainableBlocks.mergeHeads(context), prefix + "out_proj");
    }
}
