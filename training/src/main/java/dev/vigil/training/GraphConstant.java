package dev.vigil.training;

import ai.djl.ndarray.NDArray;

/**
 * Constants for arithmetic that autograd differentiates through: write {@code x.mul(GraphConstant.of(x, 0.5))},
 * never {@code x.mul(0.5)}, in anything a gradient flows back through.
 *
 * <p>Why: DJL's {@code x.mul(0.5)} puts 0.5 into a scalar array over a direct buffer and closes that array as soon as
 * the product is computed, but PyTorch's graph keeps the scalar tensor for the backward pass (the gradient of
 * {@code x * c} is {@code c}), and once the array is closed nothing holds the buffer: the garbage collector frees its
 * memory whenever it runs. A collection between forward and backward made backward read freed memory, giving NaN or
 * garbage gradients at random steps (in DJL 0.35.1; {@code GraphConstantTest} provokes it with {@code System.gc()}).
 * A constant made here stays attached to the array's manager, and to the enclosing {@code NDScope} where there is
 * one, so it lives until the step's arrays are closed, after the backward pass.
 */
final class GraphConstant {

    private GraphConstant() {
    }

    /** A float32 scalar array holding {@code value}, kept by {@code like}'s manager. */
    static NDArray of(NDArray like, double value) {
        return like.getManager().create((float) value);
    }
}
