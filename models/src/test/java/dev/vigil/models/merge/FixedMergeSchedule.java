package dev.vigil.models.merge;

import java.util.ArrayList;
import java.util.List;

/**
 * A fixed list of reductions, as LongVLM's {@code merge_tokens(x, r_merge_list)}: step i removes
 * min(r_i, ⌊(t − protected)/2⌋) tokens.
 *
 * @param steps the requested r per step
 */
public record FixedMergeSchedule(List<Integer> steps) implements MergeSchedule {

    public FixedMergeSchedule {
        steps = List.copyOf(steps);
    }

    /**
     * LongVLM's default list [1280, 640, 320, 160, 80, 40, 10]: a 10-frame × 256-patch segment (2560 tokens)
     * becomes 30 tokens. (Its {@code save_features.py} passes another list that yields 20; the 30-token list
     * matches the 305-token budget the model was trained with.)
     */
    public static FixedMergeSchedule longVlm() {
        return new FixedMergeSchedule(List.of(1280, 640, 320, 160, 80, 40, 10));
    }

    @Override
    public List<Integer> reductions(int tokens, int protectedTokens) {
        List<Integer> out = new ArrayList<>(steps.size());
        int t = tokens;
        for (int requested : steps) {
            int r = Math.min(requested, Math.max(0, (t - protectedTokens) / 2));
            if (r > 0) {
                out.add(r);
                t -= r;
            }
        }
        return out;
    }
}
