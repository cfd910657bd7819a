package dev.vigil.state;

import java.util.Arrays;
import java.util.Comparator;

/**
 * ToMe bipartite soft matching with size-weighted averaging, on plain {@code float[]} tokens: the
 * consolidation kernel of the age tiers (state-store must not depend on the DJL models module).
 *
 * <p>One step removes r tokens: tokens alternate into sets A (even positions) and B (odd positions); each A
 * token finds its most cosine-similar B token on the metric (the mean of the feature's head-sized chunks,
 * as in LongVLM and VideoChat-Flash); the r A tokens with the highest best-similarity are merged into their
 * B partners. A merged token is the size-weighted mean of its members and its size is their sum, so after
 * any number of steps the size-weighted mean of all tokens and the total size are unchanged (the invariants
 * the tests check). r is capped at ⌊t/2⌋ per step; {@link #mergeTo} repeats steps until the target count.
 *
 * <p>Output order is "stable": the survivors keep their original relative order (temporal order across the
 * merged clips), unlike the reference ToMe order (unmerged A by score, then B), because consolidated
 * entries are read as a storyline. Ties in best-similarity are broken by position, so the result is
 * deterministic on every instance, which matters because a restored store must equal the original.
 */
public final class BipartiteSoftMatching {
    private final int headDim;

    /**
     * @param headDim width of the chunks averaged into the similarity metric; when it does not divide the
     *                token dim, the whole token is the metric
     */
    public BipartiteSoftMatching(int headDim) {
        if (headDim < 1) {
            throw new IllegalArgumentException("head dim must be >= 1, got " + headDim);
        }
        this.headDim = headDim;
    }

    /** Tokens with the number of original tokens each stands for. */
    public record Merged(float[][] tokens, int[] sizes) {
    }

    /** Merges until at most {@code target} tokens remain (nothing happens if there are already that few). */
    public Merged mergeTo(float[][] tokens, int[] sizes, int target) {
        if (target < 1) {
            throw new IllegalArgumentException("target token count must be >= 1, got " + target);
        }
        checkShape(tokens, sizes);
        Merged current = new Merged(tokens, sizes);
        while (current.tokens().length > target) {
            int t = current.tokens().length;
            current = step(current.tokens(), current.sizes(), Math.min(t - target, t / 2));
        }
        return current;
    }

    /** One bipartite step removing {@code min(r, ⌊t/2⌋)} tokens. */
    public Merged step(float[][] x, int[] sizes, int r) {
        checkShape(x, sizes);
        int t = x.length;
        r = Math.min(r, t / 2);
        if (r <= 0) {
            return new Merged(x, sizes);
        }
        int na = (t + 1) / 2;
        int nb = t / 2;
        float[][] metric = new float[t][];
        for (int i = 0; i < t; i++) {
            metric[i] = normalise(metric(x[i]));
        }
        int[] bestB = new int[na];
        float[] bestScore = new float[na];
        for (int a = 0; a < na; a++) {
            float[] ma = metric[2 * a];
            float best = Float.NEGATIVE_INFINITY;
            int arg = 0;
            for (int b = 0; b < nb; b++) {
                float s = dot(ma, metric[2 * b + 1]);
                if (s > best) {
                    best = s;
                    arg = b;
                }
            }
            bestB[a] = arg;
            bestScore[a] = best;
        }
        Integer[] order = new Integer[na];
        for (int a = 0; a < na; a++) {
            order[a] = a;
        }
        // descending score, ties by position: deterministic where torch's argsort is not
        Arrays.sort(order, Comparator.<Integer>comparingDouble(a -> -bestScore[a]).thenComparingInt(a -> a));
        boolean[] merged = new boolean[na];
        for (int i = 0; i < r; i++) {
            merged[order[i]] = true;
        }
        int dim = x[0].length;
        // destination accumulators: sum of x*s and sum of s, seeded with the B token itself
        double[][] acc = new double[nb][];
        long[] accSize = new long[nb];
        for (int b = 0; b < nb; b++) {
            acc[b] = weighted(x[2 * b + 1], sizes[2 * b + 1]);
            accSize[b] = sizes[2 * b + 1];
        }
        for (int a = 0; a < na; a++) {
            if (merged[a]) {
                int b = bestB[a];
                float[] src = x[2 * a];
                for (int d = 0; d < dim; d++) {
                    acc[b][d] += (double) src[d] * sizes[2 * a];
                }
                accSize[b] += sizes[2 * a];
            }
        }
        float[][] out = new float[t - r][];
        int[] outSizes = new int[t - r];
        int o = 0;
        for (int i = 0; i < t; i++) { // original positions in order: stable output
            if (i % 2 == 0) {
                if (!merged[i / 2]) {
                    out[o] = x[i];
                    outSizes[o++] = sizes[i];
                }
            } else {
                int b = i / 2;
                float[] v = new float[dim];
                for (int d = 0; d < dim; d++) {
                    v[d] = (float) (acc[b][d] / accSize[b]);
                }
                out[o] = v;
                outSizes[o++] = Math.toIntExact(accSize[b]);
            }
        }
        return new Merged(out, outSizes);
    }

    /** The similarity metric of a token: the mean of its head-sized chunks. */
    float[] metric(float[] token) {
        int dim = token.length;
        if (headDim >= dim || dim % headDim != 0) {
            return token;
        }
        int heads = dim / headDim;
        float[] m = new float[headDim];
        for (int h = 0; h < heads; h++) {
            for (int d = 0; d < headDim; d++) {
                m[d] += token[h * headDim + d];
            }
        }
        for (int d = 0; d < headDim; d++) {
            m[d] /= heads;
        }
        return m;
    }

    private static float[] normalise(float[] v) {
        double norm = 0;
        for (float f : v) {
            norm += (double) f * f;
        }
        norm = Math.sqrt(norm);
        float[] out = new float[v.length];
        if (norm < 1e-12) {
            return out; // zero vector: similarity 0 to everything instead of ToMe's NaN
        }
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] / norm);
        }
        return out;
    }

    private static float dot(float[] a, float[] b) {
        float s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double[] weighted(float[] v, int size) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (double) v[i] * size;
        }
        return out;
    }

    private static void checkShape(float[][] x, int[] sizes) {
        if (x.length != sizes.length) {
            throw new IllegalArgumentException(x.length + " tokens but " + sizes.length + " sizes");
        }
        for (int i = 1; i < x.length; i++) {
            if (x[i].length != x[0].length) {
                throw new IllegalArgumentException("token " + i + " has dim " + x[i].length + ", token 0 has "
                        + x[0].length);
            }
        }
        for (int s : sizes) {
            if (s < 1) {
                throw new IllegalArgumentException("token sizes must be >= 1, got " + s);
            }
        }
    }
}
