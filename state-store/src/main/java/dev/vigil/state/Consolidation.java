package dev.vigil.state;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds adjacent entries of one camera and one model into a single entry of a higher tier.
 *
 * <ul>
 *   <li>tokens: all members' tokens, in time order, merged by {@link BipartiteSoftMatching} down to the
 *       tier's budget, sizes carried along (a token's size keeps counting original patch tokens);</li>
 *   <li>pooled frame embeddings: the members' frames cut into at most {@code maxPooledEmbeddings}
 *       contiguous runs, each averaged, timed at its middle frame;</li>
 *   <li>keyframe: the middle member's (the nearest member that has one);</li>
 *   <li>covers: the union of the members' covered clips, so evidence stays traceable to clip indices.</li>
 * </ul>
 */
final class Consolidation {
    private final TokenMemoryConfig config;
    private final BipartiteSoftMatching matching;

    Consolidation(TokenMemoryConfig config) {
        this.config = config;
        this.matching = new BipartiteSoftMatching(config.headDim());
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
            if (!m.modelId().equals(first.modelId()) || m.tokens().dim() != first.tokens().dim()
                    || m.frameEmbeddings().dim() != first.frameEmbeddings().dim()) {
                throw new IllegalArgumentException("entries of different models never merge: " + first + " and " + m);
            }
        }
        int tokenDim = first.tokens().dim();
        List<float[]> tokens = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        List<float[]> frames = new ArrayList<>();
        List<Long> frameTimes = new ArrayList<>();
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
            m.covers().forEach(c -> covers.putIfAbsent(c.clipIndex(), c));
            end = Math.max(end, m.end());
            stride = Math.max(stride, m.samplingStride());
            partial |= m.partial();
        }
        BipartiteSoftMatching.Merged merged = matching.mergeTo(
                tokens.toArray(new float[0][]), sizes.stream().mapToInt(Integer::intValue).toArray(),
                config.tokensFor(tier));
        List<CoveredClip> coverList = new ArrayList<>(covers.values());
        coverList.sort(Comparator.comparingLong(CoveredClip::start).thenComparingLong(CoveredClip::clipIndex));
        int frameDim = first.frameEmbeddings().dim();
        int runs = Math.min(config.maxPooledEmbeddings(), frames.size());
        float[][] pooled = new float[runs][];
        long[] pooledTimes = new long[runs];
        for (int r = 0; r < runs; r++) {
            // run r covers frames [from, to): equal shares, remainders spread over the first runs
            int from = (int) ((long) r * frames.size() / runs);
            int to = (int) ((long) (r + 1) * frames.size() / runs);
            pooled[r] = mean(frames.subList(from, to), frameDim);
            pooledTimes[r] = frameTimes.get(from + (to - from) / 2);
        }
        return new MemoryEntry(first.cameraId(), coverList.get(0).clipIndex(), first.start(), end,
                first.modelId(), tier, TokenBlock.of(merged.tokens(), tokenDim), merged.sizes(),
                TokenBlock.of(pooled, frameDim), pooledTimes, middleKeyframe(sorted), stride, partial, coverList);
    }

    private static float[] mean(List<float[]> rows, int dim) {
        float[] out = new float[dim];
        for (float[] row : rows) {
            for (int d = 0; d < dim; d++) {
                out[d] += row[d];
            }
        }
        for (int d = 0; d < dim; d++) {
            out[d] /= rows.size();
        }
        return out;
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
