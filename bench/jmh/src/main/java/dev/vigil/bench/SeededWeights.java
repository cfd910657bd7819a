package dev.vigil.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.vigil.models.weights.Weights;

import java.util.Set;
import java.util.SplittableRandom;

/**
 * Every tensor a model asks for, filled with seeded uniform values in ±1/√fan-in (fan-in = the last dimension)
 * in the shape the model expects. Deterministic per (seed, name), so reruns time the same numbers; speed does
 * not depend on the values as long as they stay finite and normal, which this scale keeps them.
 */
final class SeededWeights implements Weights {

    private final long seed;

    SeededWeights(long seed) {
        this.seed = seed;
    }

    @Override
    public NDArray get(String name, Shape expectedShape, NDManager manager) {
        SplittableRandom random = new SplittableRandom(seed ^ name.hashCode());
        long[] dims = expectedShape.getShape();
        long fanIn = dims.length == 0 ? 1 : Math.max(1, dims[dims.length - 1]);
        float bound = (float) (1 / Math.sqrt(fanIn));
        float[] values = new float[Math.toIntExact(expectedShape.size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
        }
        return manager.create(values, expectedShape);
    }

    /** Every optional tensor (heads, biases) exists, as in the real checkpoints. */
    @Override
    public boolean contains(String name) {
        return true;
    }

    /** The names are whatever the model asks for; there is no list. */
    @Override
    public Set<String> names() {
        return Set.of();
    }
}
