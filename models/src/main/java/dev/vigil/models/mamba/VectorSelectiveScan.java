package dev.vigil.models.mamba;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The selective scan as one fused pass of SIMD loops on the host (the JDK's Vector API), for CPUs.
 *
 * <p>Why: on CPU the scan is bound by its exp. {@link TensorSelectiveScan} vectorises the exp but
 * materialises exp(Δ·A), Δ·B·x̂ and every step's state as [B, L, d_inner, d_state] tensors, so it moves
 * about a dozen floats through memory per element; {@link ArraySelectiveScan} touches each element once but
 * pays ~14 ns for a scalar {@code Math.exp}. Here each element is computed once, in registers, with the
 * Vector API's exp (SVML on x86, well under a nanosecond per lane), and nothing of size L·d_state is ever
 * written. Measured by {@code dev.vigil.bench.SelectiveScanBenchmark} in {@code bench/}.
 *
 * <p>Layout: per stream the state is kept transposed, [d_state, d_inner], so the SIMD lanes run along
 * d_inner (contiguous, and wide: 2·width) and each step needs no horizontal sum; B_t and C_t are
 * per-(t, n) scalars broadcast across the lanes. Lanes past d_inner's last full vector run scalar.
 *
 * <p>Needs {@code --add-modules jdk.incubator.vector} on the JVM: without it this class fails to initialise, so
 * {@link SelectiveScan#forDevice} touches it only when {@link dev.vigil.models.runtime.VectorApi#available()}.
 */
public final class VectorSelectiveScan implements SelectiveScan {

    private static final VectorSpecies<Float> LANES = FloatVector.SPECIES_PREFERRED;

    @Override
    public ScanResult scan(ScanInputs in) {
        ScanArrays arrays = ScanArrays.copyOf(in);
        int batch = arrays.batch();
        int length = arrays.length();
        int inner = arrays.inner();
        int n = arrays.state();
        float[] x = arrays.x();
        float[] delta = arrays.delta();
        float[] b = arrays.b();
        float[] c = arrays.c();
        float[] d = arrays.d();
        float[] aT = transpose(arrays.a(), inner, n);                     // [N, Di]
        float[] h0 = arrays.initial();                                    // [B, Di, N]
        float[] y = new float[batch * length * inner];
        float[] last = new float[h0.length];
        float[] hT = new float[n * inner];                                // one stream's state, [N, Di]
        for (int s = 0; s < batch; s++) {
            transposeInto(h0, s * inner * n, inner, n, hT);
            for (int t = 0; t < length; t++) {
                int row = (s * length + t) * inner;
                int bc = (s * length + t) * n;
                step(x, delta, b, c, d, aT, hT, y, row, bc, inner, n);
            }
            transposeBack(hT, inner, n, last, s * inner * n);
        }
        return ScanArrays.result(in, y, last);
    }

    /** One time step of one stream: updates hT in place and writes y's row. */
    private static void step(float[] x, float[] delta, float[] b, float[] c, float[] d, float[] aT, float[] hT,
                             float[] y, int row, int bc, int inner, int n) {
        int i = 0;
        for (int bound = LANES.loopBound(inner); i < bound; i += LANES.length()) {
            FloatVector dt = FloatVector.fromArray(LANES, delta, row + i);
            FloatVector xv = FloatVector.fromArray(LANES, x, row + i);
            FloatVector dtx = dt.mul(xv);
            FloatVector acc = FloatVector.fromArray(LANES, d, i).mul(xv);
            for (int k = 0; k < n; k++) {
                int off = k * inner + i;
                FloatVector decay = dt.mul(FloatVector.fromArray(LANES, aT, off)).lanewise(VectorOperators.EXP);
                FloatVector h = decay.fma(FloatVector.fromArray(LANES, hT, off), dtx.mul(b[bc + k]));
                h.intoArray(hT, off);
                acc = h.fma(FloatVector.broadcast(LANES, c[bc + k]), acc);
            }
            acc.intoArray(y, row + i);
        }
        for (; i < inner; i++) {
            float dt = delta[row + i];
            float xv = x[row + i];
            float acc = d[i] * xv;
            for (int k = 0; k < n; k++) {
                int off = k * inner + i;
                float h = (float) Math.exp(dt * aT[off]) * hT[off] + dt * xv * b[bc + k];
                hT[off] = h;
                acc += h * c[bc + k];
            }
            y[row + i] = acc;
        }
    }

    private static float[] transpose(float[] m, int rows, int cols) {
        float[] t = new float[m.length];
        transposeInto(m, 0, rows, cols, t);
        return t;
    }

    /** [rows, cols] at {@code from} → [cols, rows]. */
    private static void transposeInto(float[] m, int from, int rows, int cols, float[] out) {
        for (int r = 0; r < rows; r++) {
            for (int col = 0; col < cols; col++) {
                out[col * rows + r] = m[from + r * cols + col];
            }
        }
    }

    /** [cols, rows] → [rows, cols] at {@code to}. */
    private static void transposeBack(float[] t, int rows, int cols, float[] out, int to) {
        for (int r = 0; r < rows; r++) {
            for (int col = 0; col < cols; col++) {
                out[to + r * cols + col] = t[col * rows + r];
            }
        }
    }
}
