package dev.vigil.models.siglip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

import java.util.function.DoubleUnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/** Each activation against its Hugging Face definition, evaluated in double precision, over [−8, 8]. */
class ActivationTest {

    private static final DoubleUnaryOperator GELU_TANH =
            x -> 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));

    @Test
    void geluTanhIsTheTanhApproximation() {
        // fp32 on CPU with the Vector API (the tests' JVM has it): the SIMD kernel, over full vectors and a tail
        assertThat(dev.vigil.models.runtime.VectorApi.available()).isTrue();
        check(Activation.GELU_TANH::apply, GELU_TANH);
    }

    @Test
    void geluTanhInTensorOpsIsTheSameFunction() {
        check(Activation::geluTanhWithTensors, GELU_TANH);
    }

    @Test
    void geluIsTheExactErfForm() {
        check(Activation.GELU::apply, x -> 0.5 * x * (1 + erf(x / Math.sqrt(2))));
    }

    @Test
    void quickGeluIsXTimesSigmoidOf1702X() {
        check(Activation.QUICK_GELU::apply, x -> x / (1 + Math.exp(-1.702 * x)));
    }

    private static void check(java.util.function.UnaryOperator<NDArray> activation, DoubleUnaryOperator reference) {
        float[] xs = new float[1601];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = -8f + i * 0.01f;
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray out = activation.apply(manager.create(xs));
            assertThat(out.getShape()).isEqualTo(new ai.djl.ndarray.types.Shape(xs.length));
            float[] ys = out.toFloatArray();
            for (int i = 0; i < xs.length; i++) {
                double expected = reference.applyAsDouble(xs[i]);
                assertThat((double) ys[i]).as("f(%s)", xs[i])
                        .isCloseTo(expected, org.assertj.core.data.Offset.offset(2e-6 + 2e-6 * Math.abs(expected)));
            }
        }
    }

    /** erf by Abramowitz and Stegun 7.1.26 (|error| ≤ 1.5e-7), enough for a float check. */
    private static double erf(double x) {
        double t = 1 / (1 + 0.3275911 * Math.abs(x));
        double y = 1 - t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
                * Math.exp(-x * x);
        return Math.copySign(y, x);
    }
}
