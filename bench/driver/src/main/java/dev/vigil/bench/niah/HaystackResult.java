package dev.vigil.bench.niah;

import java.util.List;

/**
 * One haystack's outcome.
 *
 * @param frames         haystack size
 * @param seed           synthcam seed
 * @param url            the synthcam URL that made it (needles included)
 * @param needles        per needle
 * @param control        the same needles asked in the control (training) wording; empty when not asked
 * @param plain          the same needles asked in plain words (the training wording's first synonyms: "a red car");
 *                       empty when not asked
 * @param streamSeconds time from defining the haystack camera to its last clip being queryable in TokenMemory
 * @param memoryBytes   bytes the camera's TokenMemory held at the end (entries, summary, temporal state)
 * @param entriesByTier the camera's memory entries of tier 0, 1, 2 at the end
 */
public record HaystackResult(int frames, long seed, String url, List<NeedleResult> needles,
                             List<NeedleResult> control, List<NeedleResult> plain, double streamSeconds,
                             long memoryBytes, List<Integer> entriesByTier) {

    public double top1() {
        return top1(needles);
    }

    public double top5() {
        return top5(needles);
    }

    /** Both multiple-choice questions of every needle. */
    public double multipleChoice() {
        return multipleChoice(needles);
    }

    /** Share of {@code asked} with a top-1 hit. */
    public static double top1(List<NeedleResult> asked) {
        return asked.stream().filter(NeedleResult::top1).count() / (double) asked.size();
    }

    /** Share of {@code asked} with a hit in the top 5. */
    public static double top5(List<NeedleResult> asked) {
        return asked.stream().filter(NeedleResult::top5).count() / (double) asked.size();
    }

    /** Share of right answers over both multiple-choice questions of every needle in {@code asked}. */
    public static double multipleChoice(List<NeedleResult> asked) {
        long right = asked.stream().mapToLong(n -> (n.colourChoice().correct() ? 1 : 0)
                + (n.kindChoice().correct() ? 1 : 0)).sum();
        return right / (2.0 * asked.size());
    }
}
