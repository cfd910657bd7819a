package dev.vigil.training;

/** Cosine similarity on host vectors: normalise once, then dot products. */
public final class Cosine {

    private Cosine() {}

    /** A unit-length copy ({@code x} itself if it is all zeros). */
    public static float[] normalised(float[] x) {
        double norm = 0;
        for (float v : x) {
            norm += v * v;
        }
        if (norm == 0) {
            return x;
        }
        double scale = 1 / Math.sqrt(norm);
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) (x[i] * scale);
        }
        return out;
    }

    /** The dot product (the cosine, for unit vectors). */
    public static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
