package dev.vigil.models.mamba;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.vigil.models.weights.Weights;

/**
 * The parameters of one pre-norm Mamba block ({@code {prefix}.layers.{i}.norm} + {@code .mixer}).
 *
 * @param norm         RMSNorm weight [d_model]
 * @param inProjWeight [2·d_inner, d_model]; output rows split as (x, z)
 * @param inProjBias   [2·d_inner], or null when {@code use_bias} is false
 * @param forward      the forward scan's parameters
 * @param backward     the backward scan's parameters ({@code _b} names), or null when not bidirectional
 * @param outProjWeight [d_model, d_inner]
 * @param outProjBias  [d_model], or null when {@code use_bias} is false
 */
public record MambaLayerWeights(
        NDArray norm,
        NDArray inProjWeight,
        NDArray inProjBias,
        DirectionWeights forward,
        DirectionWeights backward,
        NDArray outProjWeight,
        NDArray outProjBias) {

    /** Loads block {@code layer} of the stack described by {@code config}. */
    static MambaLayerWeights load(Weights weights, MambaConfig config, int layer, NDManager manager) {
        String block = config.tensorName("layers." + layer + ".");
        String mixer = block + "mixer.";
        int hidden = config.hiddenSize();
        int inner = config.intermediateSize();
        NDArray norm = weights.get(block + "norm.weight", new Shape(hidden), manager);
        NDArray inW = weights.get(mixer + "in_proj.weight", new Shape(2L * inner, hidden), manager);
        NDArray inB = config.useBias() ? weights.get(mixer + "in_proj.bias", new Shape(2L * inner), manager) : null;
        DirectionWeights fwd = DirectionWeights.load(weights, mixer, ScanDirection.FORWARD, config, manager);
        DirectionWeights bwd = config.bidirectional()
                ? DirectionWeights.load(weights, mixer, ScanDirection.BACKWARD, config, manager) : null;
        NDArray outW = weights.get(mixer + "out_proj.weight", new Shape(hidden, inner), manager);
        NDArray outB = config.useBias() ? weights.get(mixer + "out_proj.bias", new Shape(hidden), manager) : null;
        return new MambaLayerWeights(norm, inW, inB, fwd, bwd, outW, outB);
    }
}
