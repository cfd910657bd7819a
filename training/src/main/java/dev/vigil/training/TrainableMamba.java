package dev.vigil.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.vigil.models.mamba.DirectionWeights;
import dev.vigil.models.mamba.LayerStates;
import dev.vigil.models.mamba.MambaConfig;
import dev.vigil.models.mamba.MambaLayerWeights;
import dev.vigil.models.mamba.MambaMixer;
import dev.vigil.models.mamba.TensorSelectiveScan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bundle's Mamba temporal encoder ({@code temporal.*}, Hugging Face {@code MambaModel} names) as a differentiable
 * function of named parameters, for training.
 *
 * <p>Each block runs the inference {@link MambaMixer} itself, on weights rebuilt from the parameters every call
 * (A = −exp(A_log) inside the graph, so A_log is trained), with {@link StepwiseSelectiveScan} when training (and
 * {@link TensorSelectiveScan} when only running forward); only the RMSNorms and the residual are written here, with {@link GraphConstant} for epsilon.
 * {@code TrainableMambaTest} checks the result equals {@code MambaEncoder}'s for the same weights and state.
 * Forward only (the bundles' temporal encoder is), with linear biases and conv bias as the config says.
 */
final class TrainableMamba {

    private final MambaConfig config;
    private final TrainableBlocks blocks;
    private final MambaMixer mixer;

    /**
     * @param scan {@link StepwiseSelectiveScan} where gradients are recorded; any inference scan where they are not
     */
    TrainableMamba(MambaConfig config, Map<String, NDArray> parameters, dev.vigil.models.mamba.SelectiveScan scan) {
        if (config.bidirectional()) {
            throw new IllegalArgumentException("the temporal trainer trains forward-only Mamba");
        }
        this.config = config;
        this.blocks = new TrainableBlocks(parameters);
        this.mixer = new MambaMixer(config, scan);
    }

    /** Every trained tensor's name and shape, in a fixed order. */
    static Map<String, Shape> shapes(MambaConfig config) {
        long d = config.hiddenSize();
        long inner = config.intermediateSize();
        long n = config.stateSize();
        long rank = config.timeStepRank();
        Map<String, Shape> s = new LinkedHashMap<>();
        for (int i = 0; i < config.numLayers(); i++) {
            String block = name(config, "layers." + i + ".");
            String mixer = block + "mixer.";
            s.put(block + "norm.weight", new Shape(d));
            s.put(mixer + "in_proj.weight", new Shape(2 * inner, d));
            if (config.useBias()) {
                s.put(mixer + "in_proj.bias", new Shape(2 * inner));
            }
            s.put(mixer + "conv1d.weight", new Shape(inner, 1, config.convKernel()));
            if (config.useConvBias()) {
                s.put(mixer + "conv1d.bias", new Shape(inner));
            }
            s.put(mixer + "x_proj.weight", new Shape(rank + 2 * n, inner));
            s.put(mixer + "dt_proj.weight", new Shape(inner, rank));
            s.put(mixer + "dt_proj.bias", new Shape(inner));
            s.put(mixer + "A_log", new Shape(inner, n));
            s.put(mixer + "D", new Shape(inner));
            s.put(mixer + "out_proj.weight", new Shape(d, inner));
            if (config.useBias()) {
                s.put(mixer + "out_proj.bias", new Shape(d));
            }
        }
        s.put(name(config, "norm_f.weight"), new Shape(d));
        return s;
    }

    /**
     * Encodes {@code tokens [B, L, d_model]} continuing from {@code carried} (one {@link LayerStates} per block).
     *
     * @return hidden states {@code [B, L, d_model]} and each block's state after the chunk (attached to the graph
     *     when gradients are recorded; detach them before carrying them into another step)
     */
    Output forward(NDArray tokens, List<LayerStates> carried) {
        NDArray residual = tokens;
        List<LayerStates> next = new ArrayList<>(config.numLayers());
        for (int layer = 0; layer < config.numLayers(); layer++) {
            String block = name(config, "layers." + layer + ".");
            MambaMixer.MixerOutput mixed = mixer.forward(rmsNorm(residual, block + "norm.weight"), weights(block),
                    carried.get(layer));
            residual = residual.add(mixed.out());
            next.add(mixed.state());
        }
        return new Output(rmsNorm(residual, name(config, "norm_f.weight")), next);
    }

    /** What {@link #forward} returns. */
    record Output(NDArray hidden, List<LayerStates> states) {
    }

    private MambaLayerWeights weights(String block) {
        String mixer = block + "mixer.";
        int inner = config.intermediateSize();
        NDArray conv = blocks.param(mixer + "conv1d.weight").reshape(inner, config.convKernel());
        NDArray a = blocks.param(mixer + "A_log").exp().neg();
        DirectionWeights forward = new DirectionWeights(conv,
                config.useConvBias() ? blocks.param(mixer + "conv1d.bias") : null,
                blocks.param(mixer + "x_proj.weight"), blocks.param(mixer + "dt_proj.weight"),
                blocks.param(mixer + "dt_proj.bias"), a, blocks.param(mixer + "D"));
        return new MambaLayerWeights(blocks.param(block + "norm.weight"), blocks.param(mixer + "in_proj.weight"),
                config.useBias() ? blocks.param(mixer + "in_proj.bias") : null, forward, null,
                blocks.param(mixer + "out_proj.weight"),
                config.useBias() ? blocks.param(mixer + "out_proj.bias") : null);
    }

    /** HF {@code MambaRMSNorm}: x · rsqrt(mean(x²) + eps) · weight. */
    private NDArray rmsNorm(NDArray x, String weight) {
        NDArray meanSquare = x.square().mean(new int[] {-1}, true);
        return x.div(meanSquare.add(GraphConstant.of(x, config.layerNormEpsilon())).sqrt()).mul(blocks.param(weight));
    }

    private static String name(MambaConfig config, String local) {
        return config.prefix().isEmpty() ? local : config.prefix() + "." + local;
    }
}
