package dev.vigil.models.mamba;


/**
 * The selective scan as plain loops over host {@code float[]}s.
 *
 * <p>Why it exists: each step of the recurrence is a tiny amount of work (d_inner·d_state multiply-adds),
 * so at small widths the per-op overhead of a tensor library (a JNI call and an allocation per op, several
 * ops per step) dominates; a JIT-compiled loop does the whole scan in one pass with no allocation. It
 * copies the inputs to the host and the results back, so it only pays off on CPU (see
 * {@code dev.vigil.bench.SelectiveScanBenchmark} in {@code bench/} for the measured crossover).
 */
public final class ArraySelectiveScan implements SelectiveScan {

    @Override
    public ScanResult scan(ScanInputs in) {
        ScanArrays arrays = ScanArrays.copyOf(in);
        int batch = arrays.batch();
        int length = arrays.length();
        int inner = arrays.inner();
        int n = arrays.state();
        float[] x = arrays.x();
        float[] delta = arrays.delta();
        float[] a = arrays.a();
        float[] b = arrays.b();
        float[] c = arrays.c();
        float[] d = arrays.d();
        float[] h = arrays.initial();
        float[] y = new float[batch * length * inner];
        for (int s = 0; s < batch; s++) {
            for (int t = 0; t < length; t++) {
                int row = s * length + t;
                int bc = row * n;
                for (int i = 0; i < inner; i++) {
                    float dt = delta[row * inner + i];
                    float xv = x[row * inner + i];
                    float dtx = dt * xv;
                    int hOff = (s * inner + i) * n;
                    int aOff = i * n;
                    float acc = 0f;
                    for (int k = 0; k < n; k++) {
                        float decay = (float) Math.exp(dt * a[aOff + k]);
                        float hv = decay * h[hOff + k] + dtx * b[bc + k];
                        h[hOff + k] = hv;
                        acc += hv * c[bc + k];
                    }
                    y[row * inner + i] = acc + d[i] * xv;
                }
            }
        }
        return ScanArrays.result(in, y, h);
    }
}
