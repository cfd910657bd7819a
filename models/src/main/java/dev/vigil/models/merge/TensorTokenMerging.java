package dev.vigil.models.merge;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.vigil.tokens.MergeOrder;

/**
 * One step of ToMe bipartite soft matching with size-weighted averaging ({@code bipartite_soft_matching}
 * + {@code merge_wavg} + {@code merge_source} of facebookresearch/ToMe) on DJL tensors, batched, on any device:
 * the encoder's merger. TokenMemory consolidates with the array form, {@link dev.vigil.tokens.ArrayTokenMerging};
 * without protected tokens both give the same features, sizes and order ({@code MergingConformanceTest}).
 *
 * <p>Tokens alternate into sets A (even positions) and B (odd). Each A token finds its most cosine-similar
 * B token; the r A tokens with the best matches are merged into their partners, several possibly into
 * one. A merged token is the size-weighted mean of everything it holds, so repeated steps give exact means
 * of the originals. Protected tokens follow ToMe: a class token (position 0) is never merged away, a
 * distillation token (position 1) never receives a merge.
 *
 * <p>Implementation: the step computes, for every current token, the index of the output token it goes to
 * (its slot), then sums each slot's members with sorted prefix sums ({@code segmentSums}). DJL exposes no
 * scatter-add, and the alternative, multiplying by the one-hot assignment, costs O(T·T'·C). Measured on
 * the shared 2-core CPU (best of 5, C = 1152, to 64 tokens, with a timed test since replaced by the JMH
 * {@code dev.vigil.bench.MergeBenchmark} in {@code bench/}): 784 tokens 26 ms
 * (one-hot matmul 21 ms), 4 × 784 56 ms (50 ms), 3136 tokens 101 ms (164 ms): equal at 224 px clips,
 * better at 448 px, and it only grows linearly with the width.
 */
public final class TensorTokenMerging {

    /** Norms below this are treated as zero: such tokens have similarity 0 to everything instead of NaN. */
    private static final float NORM_FLOOR = 1e-12f;
    /** Larger than any token index, for min-reductions over masked entries. */
    private static final float NO_ORIGIN = 1e30f;

    private final MergeMetric metric;
    private final boolean classToken;
    private final boolean distillToken;
    private final MergeOrder order;

    /**
     * @param metric       what similarity is measured on
     * @param classToken   protect position 0 from being merged (ToMe {@code class_token})
     * @param distillToken protect position 1 from receiving merges (ToMe {@code distill_token})
     * @param order        output order of the merged tokens
     */
    public TensorTokenMerging(MergeMetric metric, boolean classToken, boolean distillToken, MergeOrder order) {
        this.metric = metric;
        this.classToken = classToken;
        this.distillToken = distillToken;
        this.order = order;
    }

    /** vigil's default: head-chunk-mean metric (64), no protected tokens, stable order. */
    public TensorTokenMerging() {
        this(new HeadChunkMeanMetric(), false, false, MergeOrder.STABLE);
    }

    /** How many positions are protected (0, 1 or 2); the cap on r counts them out. */
    public int protectedTokens() {
        return (classToken ? 1 : 0) + (distillToken ? 1 : 0);
    }

    /** The largest r one step can remove from {@code tokens} tokens: ⌊(tokens − protected) / 2⌋. */
    public int maxReduction(int tokens) {
        return Math.max(0, (tokens - protectedTokens()) / 2);
    }

    /**
     * Removes {@code r} tokens from every stream (capped at {@link #maxReduction}); r ≤ 0 returns the set
     * unchanged. Results are attached to the input features' manager.
     */
    public TokenSet merge(TokenSet tokens, int r) {
        int count = tokens.tokenCount();
        r = Math.min(r, maxReduction(count));
        if (r <= 0) {
            return tokens;
        }
        NDManager owner = tokens.features().getManager();
        try (NDScope scope = new NDScope()) {
            TokenSet merged = step(tokens, r, owner);
            for (NDArray a : new NDArray[] {merged.features(), merged.sizes(), merged.sources(), merged.origins()}) {
                NDScope.unregister(a);
                a.attach(owner);
            }
            return merged;
        }
    }

    private TokenSet step(TokenSet tokens, int r, NDManager m) {
        int count = tokens.tokenCount();
        long batch = tokens.batchSize();
        int countA = (count + 1) / 2;
        int countB = count / 2;
        int keptA = countA - r;
        int outCount = count - r;

        // Cosine similarity of every A token to every B token, in fp32.
        NDArray metricVectors = metric.of(tokens.features());
        NDArray unit = metricVectors.div(metricVectors.norm(new int[] {2}, true).maximum(NORM_FLOOR));
        NDArray a = unit.get(new NDIndex(":, 0::2"));
        NDArray b = unit.get(new NDIndex(":, 1::2"));
        NDArray scores = a.matMul(b.transpose(0, 2, 1));                      // [B, |A|, |B|]
        if (classToken) {
            scores.set(new NDIndex(":, 0, :"), Float.NEGATIVE_INFINITY);
        }
        if (distillToken) {
            scores.set(new NDIndex(":, :, 0"), Float.NEGATIVE_INFINITY);
        }
        NDArray bestScore = scores.max(new int[] {2});                        // [B, |A|]
        NDArray bestPartner = scores.argMax(2);                               // [B, |A|] int64
        NDArray ranked = bestScore.argSort(1, false);                         // descending, like ToMe
        NDArray sourceA = ranked.get(new NDIndex(":, :{}", r));               // merged away
        NDArray keptAIdx = ranked.get(new NDIndex(":, {}:", r));              // stay
        if (classToken) {
            keptAIdx = keptAIdx.sort(1);
        }

        // Output slot of every current token, in ToMe's layout: [kept A..., B...].
        NDArray keptSlots = m.arange(0, keptA, 1, DataType.INT64).expandDims(0).repeat(0, batch);
        NDArray mergedSlots = bestPartner.gather(sourceA, 1).add(keptA);
        NDArray slotA = m.zeros(new Shape(batch, countA), DataType.INT64)
                .scatter(keptAIdx, keptSlots, 1)
                .scatter(sourceA, mergedSlots, 1);
        NDArray slotB = m.arange(keptA, outCount, 1, DataType.INT64).expandDims(0).repeat(0, batch);
        NDArray slots = interleave(slotA, slotB, count, m);                   // [B, T]
        if (distillToken) {
            slots = distillLayout(keptA, outCount, m).take(slots);
        }

        // Apply the assignment: per output token, the sums of its members' size-weighted features and sizes.
        NDArray members = slots.oneHot(outCount);                             // [B, T, T'] fp32 0/1
        NDArray sizes = tokens.sizes();
        NDArray sizeSum = segmentSums(sizes.expandDims(2), slots, members);   // [B, T', 1]
        NDArray features = segmentSums(tokens.features().mul(sizes.expandDims(2)), slots, members)
                .div(sizeSum);
        NDArray originsF = tokens.origins().toType(DataType.FLOAT32, false).expandDims(2);   // [B, T, 1]
        NDArray origins = members.mul(originsF).add(members.neg().add(1).mul(NO_ORIGIN))
                .min(new int[] {1});                                          // [B, T']
        NDArray newSizes = sizeSum.squeeze(2);
        NDArray sources = slots.gather(tokens.sources(), 1);

        if (order == MergeOrder.STABLE) {
            NDArray byOrigin = origins.argSort(1, true);                      // new position → old slot
            NDArray rank = byOrigin.argSort(1, true);                         // old slot → new position
            features = features.gather(byOrigin.expandDims(2).repeat(2, features.getShape().get(2)), 1);
            newSizes = newSizes.gather(byOrigin, 1);
            origins = origins.gather(byOrigin, 1);
            sources = rank.gather(sources, 1);
        }
        return new TokenSet(features, newSizes, sources, origins.toType(DataType.INT64, false));
    }

    /**
     * Sums the rows of {@code values} [B, T, C] that share a slot, giving [B, T', C] in slot order.
     *
     * <p>Sorting by slot makes every output token's members contiguous, so its sum is the difference of two
     * prefix sums: O(T·C) work instead of the O(T·T'·C) of multiplying by the one-hot assignment, which
     * DJL would otherwise need because it exposes no scatter-add. The prefix sums run in fp64 so that
     * differencing them loses nothing at fp32 precision.
     */
    private static NDArray segmentSums(NDArray values, NDArray slots, NDArray members) {
        long batch = values.getShape().get(0);
        long width = values.getShape().get(2);
        long outCount = members.getShape().get(2);
        NDArray byslot = slots.argSort(1, true);                              // [B, T]
        NDArray sorted = values.toType(DataType.FLOAT64, false)
                .gather(byslot.expandDims(2).broadcast(batch, byslot.getShape().get(1), width), 1);
        NDArray prefix = sorted.cumSum(1);                                    // [B, T, C]
        NDArray ends = members.sum(new int[] {1}).cumSum(1).sub(1).toType(DataType.INT64, false); // [B, T']
        NDArray atEnds = prefix.gather(ends.expandDims(2).broadcast(batch, outCount, width), 1);                 // [B, T', C]
        NDArray before = values.getManager().zeros(new Shape(batch, 1, width), DataType.FLOAT64)
                .concat(atEnds.get(new NDIndex(":, :{}", outCount - 1)), 1);
        return atEnds.sub(before).toType(DataType.FLOAT32, false);
    }

    /** [B, T] slots from A's (even positions) and B's (odd positions) slots. */
    private static NDArray interleave(NDArray slotA, NDArray slotB, int count, NDManager m) {
        int countA = (count + 1) / 2;
        long[] pick = new long[count];
        for (int t = 0; t < count; t++) {
            pick[t] = t % 2 == 0 ? t / 2 : countA + t / 2;
        }
        NDArray both = slotA.concat(slotB, 1);
        NDArray index = m.create(pick).expandDims(0).repeat(0, slotA.getShape().get(0));
        return both.gather(index, 1);
    }

    /**
     * ToMe's output order with a distillation token, [kept[0], dst[0], kept[1:], dst[1:]], as a map from the
     * reference slot to the final position.
     */
    private static NDArray distillLayout(int keptA, int outCount, NDManager m) {
        long[] position = new long[outCount];
        for (int slot = 0; slot < outCount; slot++) {
            if (slot == 0) {
                position[slot] = 0;
            } else if (slot < keptA) {
                position[slot] = slot + 1;
            } else if (slot == keptA) {
                position[slot] = 1;
            } else {
                position[slot] = slot;
            }
        }
        return m.create(position);
    }
}
