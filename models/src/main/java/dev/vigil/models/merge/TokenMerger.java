package dev.vigil.models.merge;

import ai.djl.ndarray.NDArray;

/**
 * Runs a {@link MergeSchedule} of bipartite merge steps, recomputing the metric from the current (already
 * averaged) features before every step and carrying sizes and sources along, as LongVLM and VideoChat-Flash
 * do on frozen encoder outputs.
 */
public final class TokenMerger {

    private final TensorTokenMerging matching;

    public TokenMerger(TensorTokenMerging matching) {
        this.matching = matching;
    }

    /**
     * Applies every step of {@code schedule} to a batch.
     *
     * @return the merged set; intermediate steps' arrays are released
     */
    public TokenSet reduce(TokenSet tokens, MergeSchedule schedule) {
        TokenSet current = tokens;
        for (int r : schedule.reductions(tokens.tokenCount(), matching.protectedTokens())) {
            TokenSet next = matching.merge(current, r);
            if (current != tokens && next != current) {
                release(current);
            }
            current = next;
        }
        return current;
    }

    /** Merges fresh tokens [B, T, C] down to {@code target} per stream (target-driven halving). */
    public TokenSet reduceTo(NDArray features, int target) {
        return reduce(TokenSet.of(features), new TargetMergeSchedule(target));
    }

    private static void release(TokenSet set) {
        set.features().close();
        set.sizes().close();
        set.sources().close();
        set.origins().close();
    }
}
