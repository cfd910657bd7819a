package dev.vigil.bench.driver;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The device's dense matrix-multiply rate, measured with the same engine and precision the encoder uses:
 * the yardstick for the encoder's efficiency ratio (achieved FLOP/s ÷ this).
 */
final class GemmProbe {
    private final Device device;
    private final DataType type;

    GemmProbe(Device device, DataType type) {
        this.device = device;
        this.type = type;
    }

    /**
     * Times {@code repeats} products of two {@code n×n} matrices after one warm-up product.
     *
     * @return the best of the timed products, as FLOP/s (2n³ per product): the best rather than the mean
     *     because the rate is a ceiling, and on a shared machine other tenants only ever slow a run down
     */
    GemmRate measure(int n, int repeats) {
        try (NDManager manager = NDManager.newBaseManager(device)) {
            NDArray a = manager.randomUniform(-1f, 1f, new Shape(n, n)).toType(type, false);
            NDArray b = manager.randomUniform(-1f, 1f, new Shape(n, n)).toType(type, false);
            sync(a.matMul(b));
            double best = Double.MAX_VALUE;
            for (int i = 0; i < repeats; i++) {
                long t0 = System.nanoTime();
                sync(a.matMul(b));
                best = Math.min(best, (System.nanoTime() - t0) / 1e9);
            }
            double flops = 2.0 * n * n * n;
            return new GemmRate(n, type.toString().toLowerCase(java.util.Locale.ROOT), repeats, best, flops / best);
        }
    }

    /** Reading one element back waits for an asynchronous (GPU) product to finish. */
    private static void sync(NDArray product) {
        product.get(0, 0).toType(DataType.FLOAT32, false).getFloat();
        product.close();
    }
}
