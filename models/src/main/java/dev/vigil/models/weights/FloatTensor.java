package dev.vigil.models.weights;

import java.util.Arrays;

/**
 * A host-memory fp32 tensor: the unit the safetensors reader returns and the writer accepts.
 *
 * @param shape dimensions, row-major
 * @param values {@code product(shape)} elements in row-major order
 */
public record FloatTensor(long[] shape, float[] values) {

    public FloatTensor {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n *= d;
        }
        if (n != values.length) {
            throw new IllegalArgumentException(
                    "shape " + Arrays.toString(shape) + " needs " + n + " values, got " + values.length);
        }
    }

    /** Convenience for tests and writers: {@code FloatTensor.of(values, 2, 3)}. */
    public static FloatTensor of(float[] values, long... shape) {
        return new FloatTensor(shape.clone(), values);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FloatTensor t && Arrays.equals(shape, t.shape) && Arrays.equals(values, t.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "FloatTensor" + Arrays.toString(shape);
    }
}
