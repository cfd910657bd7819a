package dev.vigil.models.mamba;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.util.Random;

/**
 * Times the two scan implementations on CPU at several sizes; the basis of {@link SelectiveScan#forDevice}.
 * Not part of the normal build (it takes seconds on a shared machine): run with
 * {@code mvn -pl models test -Dtest=SelectiveScanBenchmarkTest -Dvigil.bench=true}.
 */
@EnabledIfSystemProperty(named = "vigil.bench", matches = "true")
class SelectiveScanBenchmarkTest {

    @Test
    void compareOnCpu() {
        int[][] sizes = {
                // batch, length, d_inner, d_state
                {1, 64, 16, 4},
                {4, 256, 64, 16},
                {1, 256, 512, 16},
                {4, 256, 512, 16},
                {1, 256, 2304, 16}, // d_model 1152 (SigLIP-so400m width), 1 frame of 256 tokens
        };
        try (NDManager manager = NDManager.newBaseManager()) {
            for (int[] s : sizes) {
                ScanInputs in = inputs(manager, s[0], s[1], s[2], s[3]);
                double loops = time(new ArraySelectiveScan(), in);
                double tensors = time(new TensorSelectiveScan(), in);
                System.out.printf("B=%d L=%d Di=%d N=%d  loops %.1f ms  tensors %.1f ms%n",
                        s[0], s[1], s[2], s[3], loops, tensors);
            }
        }
    }

    private static double time(SelectiveScan scan, ScanInputs in) {
        for (int i = 0; i < 2; i++) {
            release(scan.scan(in));
        }
        int reps = 3;
        long start = System.nanoTime();
        for (int i = 0; i < reps; i++) {
            release(scan.scan(in));
        }
        return (System.nanoTime() - start) / 1e6 / reps;
    }

    private static void release(ScanResult r) {
        r.y().close();
        r.last().close();
    }

    private static ScanInputs inputs(NDManager m, int batch, int length, int inner, int n) {
        Random random = new Random(1);
        NDArray x = m.create(gaussian(random, batch * length * inner), new Shape(batch, length, inner));
        NDArray delta = m.create(gaussian(random, batch * length * inner), new Shape(batch, length, inner))
                .abs().mul(0.05f);
        NDArray a = m.create(gaussian(random, inner * n), new Shape(inner, n)).abs().neg();
        NDArray b = m.create(gaussian(random, batch * length * n), new Shape(batch, length, n));
        NDArray c = m.create(gaussian(random, batch * length * n), new Shape(batch, length, n));
        NDArray d = m.ones(new Shape(inner));
        NDArray h = m.zeros(new Shape(batch, inner, n));
        return new ScanInputs(x, delta, a, b, c, d, h);
    }

    private static float[] gaussian(Random random, int count) {
        float[] out = new float[count];
        for (int i = 0; i < count; i++) {
            out[i] = (float) random.nextGaussian();
        }
        return out;
    }
}
