package dev.vigil.tokens;

import java.util.Arrays;
import java.util.Comparator;

/**
 * ToMe bipartite soft matching with size-weighted averaging on plain {@code float[]} tokens, one sequence at a
 * time: the consolidation kernel of TokenMemory's age tiers, where no tensor runtime is at hand. The batched
 * DJL form in {@code models} ({@code dev.vigil.models.merge.TensorTokenMerging}) computes the same result
 * (features, sizes, order; {@code MergingConformanceTest} holds them to it).
 *
 * <p>One step removes r tokens: tokens alternate into sets A (even positions) and B (odd positions); each A
 * token finds its most cosine-similar B token on the metric (the mean of the token's {@code metricChunk}-wide
 * chunks, as in LongVLM and VideoChat-Flash); the r A tokens with the highest best-similarity are merged into
 * their B partners. A merged token is the size-weighted mean of its members and its size is their sum, so after
 * any number of steps the size-weighted mean of all tokens and the total size are unchanged. r is capped at
 * ⌊t/2⌋ per step; {@link #mergeTo} repeats steps until the target count. No tokens are protected (ToMe's class
 * and distillation tokens are a vision-tower concern).
 *
 * <p>Output order is {@link MergeOrder}. Ties are broken by position, both when an A token has several equally
 * similar partners (the first B, as {@code argmax} does) and when best-similarities tie (the earlier A merges
 * first), so the result is deterministic on every instance: a restored store must equal the original.
 */
public final class ArrayTokenMerging {
    private final int metricChunk;
    private final MergeOrder order;

    /**
     * @param metricChunk width of the chunks averaged into the similarity metric; when it does not divide the
     *                    token width (or is at least that wide), the whole token is the metric
     * @param order       output order
     */
    public ArrayTokenMerging(int metricChunk, MergeOrder order) {
        if (metricChunk < 1) {
            throw new IllegalArgumentException("metric chunk must be >= 1, got " + metricChunk);
        }
        this.metricChunk = metricChunk;
        this.order = order;
    }

    /** Stable order. */
    public ArrayTokenMerging(int metricChunk) {
        this(metricChunk, MergeOrder.STABLE);
    }

    /**
     * Tokens with the number of original tokens each stands for.
     *
     * @param tokens the (merged) tokens
     * @param sizes  how many original tokens each stands for
     */
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

    /**
     * One bipartite step removing {@code min(r, ⌊t/2⌋)} tokens. In stable order the input is taken to be in
     * stable order already (as every output of this class is), so positions stand for original indices.
     */
    public Merged step(float[][] x, int[] sizes, int r) {
        checkShape(x, sizes);
        int t = x.length;
        r = Math.min(r, t / 2);
        if (r <= 0) {
            return new Merged(x, sizes);
        }
        int na = (t + 1) / 2;
        int nb = t / 2;
        float[][] unit = new float[t][];
        for (int i = 0; i < t; i++) {
            unit[i] = Similarity.normalised(metric(x[i]));
        }
        int[] bestB = new int[na];
        double[] bestScore = new double[na];
        for (int a = 0; a < na; a++) {
            double best = Double.NEGATIVE_INFINITY;
            int arg = 0;
            for (int b = 0; b < nb; b++) {
                double s = Similarity.dot(unit[2 * a], unit[2 * b + 1]);
                if (s > best) {
                    best = s;
                    arg = b;
                }
            }
            bestB[a] = arg;
            bestScore[a] = best;
        }
        Integer[] ranked = new Integer[na];
        for (int a = 0; a < na; a++) {
            ranked[a] = a;
        }
        // descending score, ties by position: deterministic where torch's argsort is not
        Arrays.sort(ranked, Comparator.<Integer>comparingDouble(a -> -bestScore[a]).thenComparingInt(a -> a));
        boolean[] merged = new boolean[na];
        for (int i = 0; i < r; i++) {
            merged[ranked[i]] = true;
        }
        int dim = x[0].length;
        // destination accumulators: sum of x*s and sum of s, seeded with the B token itself; earliest member
        double[][] acc = new double[nb][];
        long[] accSize = new long[nb];
        int[] earliest = new int[nb];
        for (int b = 0; b < nb; b++) {
            acc[b] = weighted(x[2 * b + 1], sizes[2 * b + 1]);
            accSize[b] = sizes[2 * b + 1];
            earliest[b] = 2 * b + 1;
        }
        for (int a = 0; a < na; a++) {
            if (merged[a]) {
                int b = bestB[a];
                float[] src = x[2 * a];
                for (int d = 0; d < dim; d++) {
                    acc[b][d] += (double) src[d] * sizes[2 * a];
                }
                accSize[b] += sizes[2 * a];
                earliest[b] = Math.min(earliest[b], 2 * a);
            }
        }
        // the output in ToMe's layout, [kept A in rank order..., B...], with each token's earliest position
        float[][] out = new float[t - r][];
        int[] outSizes = new int[t - r];
        int[] outEarliest = new int[t - r];
        int o = 0;
        for (int i = r; i < na; i++) {
            int a = ranked[i];
            out[o] = x[2 * a];
            outSizes[o] = sizes[2 * a];
            outEarliest[o++] = 2 * a;
        }
        for (int b = 0; b < nb; b++) {
            float[] v = new float[dim];
            for (int d = 0; d < dim; d++) {
                v[d] = (float) (acc[b][d] / accSize[b]);
            }
            out[o] = v;
            outSizes[o] = Math.toIntExact(accSize[b]);
            outEarliest[o++] = earliest[b];
        }
        return order == MergeOrder.STABLE ? byEarliest(out, outSizes, outEarliest) : new Merged(out, outSizes);
    }

    /** The similarity metric of a token: the mean of its {@code metricChunk}-wide chunks. */
    float[] metric(float[] token) {
        int dim = token.length;
        if (metricChunk >= dim || dim % metricChunk != 0) {
            return token;
        }
        int chunks = dim / metricChunk;
        float[] m = new float[metricChunk];
        for (int h = 0; h < chunks; h++) {
            for (int d = 0; d < metricChunk; d++) {
                m[d] += token[h * metricChunk + d];
            }
        }
        for (int d = 0; d < metricChunk; d++) {
            m[d] /= chunks;
        }
        return m;
    }

    private static Merged byEarliest(float[][] tokens, int[] sizes, int[] earliest) {
        Integer[] idx = new Integer[tokens.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, Comparator.comparingInt(i -> earliest[i])); // earliest positions are distinct
        float[][] out = new float[tokens.length][];
        int[] outSizes = new int[tokens.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = tokens[idx[i]];
            outSizes[i] = sizes[idx[i]];
        }
        return new Merged(out, outSizes);
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
