package dev.vigil.models.mamba;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.vigil.models.weights.Weights;

import java.util.ArrayList;
import java.util.List;

/**
 * All parameters of a Mamba stack, on the device of the manager they were loaded with. The caller owns
 * that manager and closes it when the model is unloaded.
 *
 * @param layers the blocks in order
 * @param normF  final RMSNorm weight {@code {prefix}.norm_f.weight} [d_model]
 */
public record MambaWeights(List<MambaLayerWeights> layers, NDArray normF) {

    public MambaWeights {
        layers = List.copyOf(layers);
    }

    /**
     * Loads a stack with Hugging Face {@code MambaModel} tensor names under {@code config.prefix()}.
     *
     * @throws dev.vigil.models.weights.WeightsException if a tensor is missing or has another shape
     */
    public static MambaWeights load(Weights weights, MambaConfig config, NDManager manager) {
        List<MambaLayerWeights> layers = new ArrayList<>(config.numLayers());
        for (int i = 0; i < config.numLayers(); i++) {
            layers.add(MambaLayerWeights.load(weights, config, i, manager));
        }
        NDArray normF = weights.get(config.tensorName("norm_f.weight"), new Shape(config.hiddenSize()), manager);
        return new MambaWeights(layers, normF);
    }
}
