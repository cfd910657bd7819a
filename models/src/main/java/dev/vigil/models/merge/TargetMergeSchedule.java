package dev.vigil.models.merge;

import java.util.ArrayList;
import java.util.List;

/**
 * Reduce to a target count by halving, as VideoChat-Flash's {@code ToMe16_mlp_hd64.merge_tokens}: while the
 * excess over the target is more than one step can remove, remove the most one step can (⌊t/2⌋), then
 * remove exactly the rest. 784 → 64 is r = [392, 196, 98, 34]; 3136 → 64 is [1568, 784, 392, 196, 98, 34].
 *
 * @param target tokens to end with; a sequence already at or below it is left alone
 */
public record TargetMergeSchedule(int target) implements MergeSchedule {

    /** Tokens per frame after VideoChat-Flash clip compression. */
    public static final int TOKENS_PER_FRAME = 16;

    public TargetMergeSchedule {
        if (target <= 0) {
            throw new IllegalArgumentException("target must be > 0, got " + target);
        }
    }

    /** VideoChat-Flash's budget: 16 tokens per frame of the clip (64 for a 4-frame clip). */
    public static TargetMergeSchedule videoChatFlash(int framesPerClip) {
        return new TargetMergeSchedule(TOKENS_PER_FRAME * framesPerClip);
    }

    @Override
    public List<Integer> reductions(int tokens, int protectedTokens) {
        List<Integer> out = new ArrayList<>();
        int t = tokens;
        while (t > target) {
            int r = Math.min(t - target, Math.max(0, (t - protectedTokens) / 2));
            if (r == 0) {
                break; // nothing left that may merge (only protected tokens): the target is unreachable
            }
            out.add(r);
            t -= r;
        }
        return out;
    }
}
