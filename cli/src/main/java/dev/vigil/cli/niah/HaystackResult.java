package dev.vigil.cli.niah;

import java.util.List;

/**
 * One haystack's outcome.
 *
 * @param frames         haystack size
 * @param seed           synthcam seed
 * @param url            the synthcam URL that made it (needles included)
 * @param needles        per needle
 * @param encodeSeconds  time to render and encode the haystack
 * @param memoryBytes    bytes the camera's memory held at the end (index + carried state)
 */
public record HaystackResult(int frames, long seed, String url, List<NeedleResult> needles, double encodeSeconds,
                             long memoryBytes) {

    public double top1() {
        return needles.stream().filter(NeedleResult::top1).count() / (double) needles.size();
    }

    public double top5() {
        return needles.stream().filter(NeedleResult::top5).count() / (double) needles.size();
    }

    /** Both multiple-choice questions of every needle. */
    public double multipleChoice() {
        long right = needles.stream().mapToLong(n -> (n.colourChoice().correct() ? 1 : 0)
                + (n.kindChoice().correct() ? 1 : 0)).sum();
        return right / (2.0 * needles.size());
    }
}
