package dev.vigil.models.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.Set;

/**
 * Named tensors of a model, as Hugging Face stores them ({@code vision_model.encoder.layers.0.mlp.fc1.weight}).
 *
 * <p>The seam between where weights come from (safetensors files, a test's own map) and the modules that
 * use them (vision and text towers, Mamba). Implementations fail with a {@link WeightsException} that names
 * the file and the tensor, so a bad model folder is diagnosed without a debugger.
 */
public interface Weights {

    /**
     * Returns the tensor {@code name} as an fp32 array attached to {@code manager}.
     *
     * @param expectedShape the shape the caller's architecture needs; a tensor of another shape is an error
     * @throws WeightsException if the tensor is missing, has another shape, or cannot be read
     */
    NDArray get(String name, Shape expectedShape, NDManager manager);

    /** Whether a tensor of this name exists (for optional tensors such as biases). */
    boolean contains(String name);

    /** All tensor names, for diagnostics and for loaders that discover layer counts. */
    Set<String> names();
}
