package dev.vigil.state;

/** Cosine similarity of two embeddings, accumulated in double precision. */
public final class Cosine {

    private Cosine() {
    }

    /** The cosine of the angle between {@code a} and {@code b} (same length); 0 when either is all zeros. */
    public static double of(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }
}
