package dev.vigil.models.siglip;

import ai.djl.ndarray.NDManager;

/**
 * Applies tanh-GELU to a CPU fp32 array in this JVM and prints the largest difference from its definition:
 * run by {@code VectorApiFallbackTest} in a JVM without the Vector API.
 */
final class GeluWithoutVectorApi {
    private GeluWithoutVectorApi() {
    }

    public static void main(String[] args) {
        float[] xs = {-3f, -1f, -0.5f, 0f, 0.5f, 1f, 3f};
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] ys = Activation.GELU_TANH.apply(manager.create(xs)).toFloatArray();
            double worst = 0;
            for (int i = 0; i < xs.length; i++) {
                double x = xs[i];
                double expected = 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
                worst = Math.max(worst, Math.abs(ys[i] - expected));
            }
            System.out.println("max error " + worst);
        }
    }
}
