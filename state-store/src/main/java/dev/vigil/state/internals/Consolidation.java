package dev.vigil.state.internals;

import dev.vigil.state.CoveredClip;
import dev.vigil.state.MemoryEntry;
import dev.vigil.state.TokenBlock;
import dev.vigil.state.TokenMemoryConfig;
import dev.vigil.tokens.ArrayTokenMerging;
import dev.vigil.tokens.Similarity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds adjacent entries of one camera and one model into a single entry of a higher tier.
 *
 * <ul>
 *   <li>tokens: all members' tokens, in time order, merged by {@link ArrayTokenMerging} down to the
 *       tier's budget, sizes carried along (a token's size keeps counting original patch tokens), on the
 *       metric the encoder merged them with: the entries' {@link MemoryEntry#mergeMetricChunk()}, recorded from
 *       the bundle with every clip, so the store has no merge setting of its own;</li>
 *   <li>pooled frame embeddings: the members' frame embeddings merged by similarity (the same bipartite
 *       matching, on whole embeddings, each member counting once) down to {@code maxPooledEmbeddings}, each
 *       timed at the member frame closest to it, in time order. Merging by similarity rather than averaging
 *       equal runs of time keeps a rare sight its own embedding: a car on screen for 5 s of a 96 s bucket is
 *       one of the four, not a fifth of a 24 s average;</li>
 *   <li>clip embeddings: the members' clip embeddings merged the same way, by similarity down to the same
 *       {@code maxPooledEmbeddings}, in time order; they carry no times (each stands for a clip, and a merged one
 *       for the clips it averages), and members without any (a bundle without a readout) add none;</li>
 *   <li>keyframe: the middle member's (the nearest member that has one);</li>
 *   <li>covers: the union of the members' covered clips, so evidence stays traceable to clip indices.</li>
 * </ul>
 */
final class Consolidation {
    private final TokenMemoryConfig config;

    Consolidation(TokenMemoryConfig config) {
        this.config = config;
    }

    /**
     * One entry of {@code tier} standing for all {@code members} (at least one; same camera, model and dims).
     */
    MemoryEntry consolidate(int tier, List<MemoryEntry> members) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("nothing to consolidate");
        }
        List<MemoryEntry> sorted = new ArrayList<>(members);
        sorted.sort(Comparator.comparingLong(MemoryEntry::start));
        MemoryEntry first = sorted.get(0);
        for (MemoryEntry m : sorted) {
            if (!m.modelId().equals(first.modelId()) || m.mergeMetricChunk() != first.mergeMetricChunk()
                    || m.tokens().dim() != first.tokens().dim()
                    || m.frameEmbeddings().dim() != first.frameEmbeddings().dim()) {
                throw new IllegalArgumentException("entries of different models never merge: " + first + " and " + m);
            }
        }
        int tokenDim = first.tokens().dim();
        List<float[]> tokens = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        List<float[]> frames = new ArrayList<>();
        List<Long> frameTimes = new ArrayList<>();
        List<float[]> clipEmbeddings = new ArrayList<>();
        Map<Long, CoveredClip> covers = new LinkedHashMap<>();
        long end = Long.MIN_VALUE;
        int stride = 1;
        boolean partial = false;
        for (MemoryEntry m : sorted) {
            for (int i = 0; i < m.tokens().count(); i++) {
                tokens.add(m.tokens().row(i));
                sizes.add(m.tokenSizes()[i]);
            }
            for (int i = 0; i < m.frameEmbeddings().count(); i++) {
                frames.add(m.frameEmbeddings().row(i));
                frameTimes.add(m.frameTimes()[i]);
            }
            for (int i = 0; i < m.clipEmbeddings().count(); i++) {
                clipEmbeddings.add(m.clipEmbeddings().row(i));
            }
            m.covers().forEach(c -> covers.putIfAbsent(c.clipIndex(), c));
            end = Math.max(end, m.end());
            stride = Math.max(stride, m.samplingStride());
            partial |= m.partial();
        }
        ArrayTokenMerging.Merged merged = new ArrayTokenMerging(first.mergeMetricChunk()).mergeTo(
                tokens.toArray(new float[0][]), sizes.stream().mapToInt(Integer::intValue).toArray(),
                config.tokensFor(tier));
        List<CoveredClip> coverList = new ArrayList<>(covers.values());
        coverList.sort(Comparator.comparingLong(CoveredClip::start).thenComparingLong(CoveredClip::clipIndex));
        int frameDim = first.frameEmbeddings().dim();
        Pooled pooled = pool(frames, frameTimes, frameDim);
        return new MemoryEntry(first.cameraId(), coverList.get(0).clipIndex(), first.start(), end,
                first.modelId(), first.mergeMetricChunk(), tier, TokenBlock.of(merged.tokens(), tokenDim), merged.sizes(),
                TokenBlock.of(pooled.embeddings(), frameDim), pooled.times(),
                TokenBlock.of(mergedBySimilarity(clipEmbeddings, frameDim), frameDim), middleKeyframe(sorted), stride, partial,
                coverList);
    }

    private record Pooled(float[][] embeddings, long[] times) {
    }

    /** The frames merged by similarity down to the configured count, each timed at its closest frame, in time order. */
    private Pooled pool(List<float[]> frames, List<Long> frameTimes, int frameDim) {
        float[][] kept = mergedBySimilarity(frames, frameDim);
        Integer[] order = new Integer[kept.length];
        long[] closest = new long[kept.length];
        for (int k = 0; k < kept.length; k++) {
            order[k] = k;
            double best = Double.NEGATIVE_INFINITY;
            for (int f = 0; f < frames.size(); f++) {
                double c = Similarity.cosine(kept[k], frames.get(f));
                if (c > best) { // first of equals: deterministic
                    best = c;
                    closest[k] = frameTimes.get(f);
                }
            }
        }
        Arrays.sort(order, Comparator.comparingLong((Integer k) -> closest[k]).thenComparingInt(k -> k));
        float[][] embeddings = new float[kept.length][];
        long[] times = new long[kept.length];
        for (int i = 0; i < kept.length; i++) {
            embeddings[i] = kept[order[i]];
            times[i] = closest[order[i]];
        }
        return new Pooled(embeddings, times);
    }

    /**
     * Embeddings (frame or clip, in time order) merged by similarity down to {@code maxPooledEmbeddings}, each
     * counting once, in the merge's stable order; none stay none.
     */
    private float[][] mergedBySimilarity(List<float[]> embeddings, int dim) {
        if (embeddings.isEmpty()) {
            return new float[0][];
        }
        int[] ones = new int[embeddings.size()];
        Arrays.fill(ones, 1);
        // the whole embedding is the metric: an embedding is one vector, not heads
        return new ArrayTokenMerging(dim)
                .mergeTo(embeddings.toArray(new float[0][]), ones, config.maxPooledEmbeddings()).tokens();
    }

    private static byte[] middleKeyframe(List<MemoryEntry> sorted) {
        int mid = sorted.size() / 2;
        // search outward from the middle so a clip without a thumbnail does not lose the entry its keyframe
        for (int offset = 0; offset <= sorted.size(); offset++) {
            for (int i : new int[]{mid - offset, mid + offset}) {
                if (i >= 0 && i < sorted.size() && sorted.get(i).keyframe() != null) {
                    return sorted.get(i).keyframe();
                }
            }
        }
        return null;
    }
}
