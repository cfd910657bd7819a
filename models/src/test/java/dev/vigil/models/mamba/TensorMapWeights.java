package dev.vigil.models.mamba;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.vigil.models.weights.Weights;
import dev.vigil.models.weights.WeightsException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** {@link Weights} over host float arrays held in a map: a real weight source for tests, no files. */
final class TensorMapWeights implements Weights {

    /** A host tensor. */
    record HostTensor(float[] data, Shape shape) {
        HostTensor {
            if (data.length != shape.size()) {
                throw new IllegalArgumentException(data.length + " floats for shape " + shape);
            }
        }
    }

    private final Map<String, HostTensor> tensors = new LinkedHashMap<>();

    TensorMapWeights put(String name, float[] data, long... shape) {
        tensors.put(name, new HostTensor(data, new Shape(shape)));
        return this;
    }

    HostTensor tensor(String name) {
        return tensors.get(name);
    }

    @Override
    public NDArray get(String name, Shape expectedShape, NDManager manager) {
        HostTensor tensor = tensors.get(name);
        if (tensor == null) {
            throw new WeightsException("missing tensor " + name);
        }
        if (!tensor.shape().equals(expectedShape)) {
            throw new WeightsException("tensor " + name + " has shape " + tensor.shape() + ", expected " + expectedShape);
        }
        return manager.create(tensor.data(), tensor.shape());
    }

    @Override
    public boolean contains(String name) {
        return tensors.containsKey(name);
    }

    @Override
    public Set<String> names() {
        return tensors.keySet();
    }
}
