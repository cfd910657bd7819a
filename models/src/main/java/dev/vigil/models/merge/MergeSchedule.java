package dev.vigil.models.merge;

import java.util.List;

/** How many tokens each successive merge step removes. */
public interface MergeSchedule {

    /**
     * The per-step reductions for a sequence of {@code tokens} tokens, each already capped at
     * ⌊(t − protected) / 2⌋ for the count t it applies to, with trailing zero steps dropped.
     */
    List<Integer> reductions(int tokens, int protectedTokens);

    /** The token count after applying {@link #reductions}. */
    default int resultingCount(int tokens, int protectedTokens) {
        int t = tokens;
        for (int r : reductions(tokens, protectedTokens)) {
            t -= r;
        }
        return t;
    }
}
