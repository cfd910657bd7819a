package dev.vigil.models.mamba;

import ai.djl.ndarray.NDManager;

/**
 * A scan's inputs copied to the host as flat fp32 arrays, row-major in the shapes {@link ScanInputs} gives: what
 * the CPU scans that loop on the host ({@link ArraySelectiveScan}, {@link VectorSelectiveScan}) read.
 *
 * @param batch   B
 * @param length  L
 * @param inner   d_inner
 * @param state   d_state
 * @param x       [B, L, d_inner]
 * @param delta   [B, L, d_inner]
 * @param a       [d_inner, d_state]
 * @param b       [B, L, d_state]
 * @param c       [B, L, d_state]
 * @param d       [d_inner]
 * @param initial [B, d_inner, d_state]
 */
record ScanArrays(int batch, int length, int inner, int state, float[] x, float[] delta, float[] a, float[] b,
                  float[] c, float[] d, float[] initial) {

    static ScanArrays copyOf(ScanInputs in) {
        long[] dims = in.x().getShape().getShape();
        return new ScanArrays(Math.toIntExact(dims[0]), Math.toIntExact(dims[1]), Math.toIntExact(dims[2]),
                Math.toIntExact(in.a().getShape().get(1)), in.x().toFloatArray(), in.delta().toFloatArray(),
                in.a().toFloatArray(), in.b().toFloatArray(), in.c().toFloatArray(), in.d().toFloatArray(),
                in.initial().toFloatArray());
    }

    /** {@code y} [B, L, d_inner] and {@code last} [B, d_inner, d_state] as arrays of the inputs' manager. */
    static ScanResult result(ScanInputs in, float[] y, float[] last) {
        NDManager manager = in.x().getManager();
        return new ScanResult(manager.create(y, in.x().getShape()), manager.create(last, in.initial().getShape()));
    }
}
