package dev.vigil.models.weights;

import java.util.Arrays;

/**
 * One entry of a safetensors header.
 *
 * @param name the tensor name, e.g. {@code vision_model.post_layernorm.weight}
 * @param dtype the header's dtype string as written (F32, BF16, I64, ...)
 * @param shape the dimensions; empty for a scalar
 * @param begin first byte of the data, relative to the end of the header
 * @param end one past the last byte, relative to the end of the header
 */
public record TensorInfo(String name, String dtype, long[] shape, long begin, long end) {

    /** Number of elements: the product of the dimensions (1 for a scalar). */
    public long elementCount() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    /** The shape as a readable {@code [a, b]}. */
    public String shapeText() {
        return Arrays.toString(shape);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorInfo t && name.equals(t.name) && dtype.equals(t.dtype)
                && Arrays.equals(shape, t.shape) && begin == t.begin && end == t.end;
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + " " + dtype + shapeText() + " @[" + begin + ", " + end + ")";
    }
}
