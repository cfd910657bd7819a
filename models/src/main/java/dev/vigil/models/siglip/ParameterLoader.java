package dev.vigil.models.siglip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.vigil.models.weights.Weights;

/**
 * Reads named parameters into a tower's manager in the tower's compute type.
 *
 * <p>Normalisation parameters stay fp32 ({@link #loadFp32}) because layer norms run in fp32 even when the
 * matrix products run in half precision.
 */
final class ParameterLoader {

    private final Weights weights;
    private final NDManager manager;
    private final DataType computeType;

    ParameterLoader(Weights weights, NDManager manager, DataType computeType) {
        this.weights = weights;
        this.manager = manager;
        this.computeType = computeType;
    }

    NDManager manager() {
        return manager;
    }

    DataType computeType() {
        return computeType;
    }

    boolean contains(String name) {
        return weights.contains(name);
    }

    NDArray loadFp32(String name, Shape shape) {
        return weights.get(name, shape, manager);
    }

    NDArray load(String name, Shape shape) {
        return cast(loadFp32(name, shape));
    }

    /** Converts an fp32 parameter to the compute type, freeing the fp32 copy when a new one is made. */
    NDArray cast(NDArray fp32) {
        if (computeType == DataType.FLOAT32) {
            return fp32;
        }
        NDArray converted = fp32.toType(computeType, true);
        fp32.close();
        return converted;
    }
}
