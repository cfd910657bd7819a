package dev.vigil.bench.niah;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * {@code docs/niah/niah.json}: what {@code vigil bench niah} found, written by {@link NiahReport} and read back by
 * it (to redraw the heat map) through the same record.
 *
 * @param bench          what the bench is
 * @param command        the command line that produced it
 * @param bundle         the model bundle asked
 * @param pipeline       the path each haystack took, in words
 * @param wording        which wording the questions were asked in
 * @param hit            what counts as a hit
 * @param multipleChoice how the multiple-choice questions are scored
 * @param sizes          one per haystack size
 */
public record NiahResults(String bench, String command, String bundle, String pipeline, String wording, String hit,
                          String multipleChoice, List<Size> sizes) {

    /**
     * One haystack.
     *
     * @param frames                 haystack size
     * @param seed                   synthcam seed
     * @param url                    the synthcam URL that made it
     * @param top1                   share of needles with a top-1 hit
     * @param top5                   share with a hit in the top 5
     * @param multipleChoice         share of right multiple-choice answers
     * @param queryLatencyMsP50      question embedding + search, median over the needles
     * @param queryLatencyMsP95      the same, 95th percentile
     * @param memoryBytesPerCamera   bytes the camera's TokenMemory held at the end
     * @param memoryEntriesByTier    memory entries of tier 0, 1, 2 at the end
     * @param streamSeconds          defining the camera to its last clip queryable
     * @param secondsPer1000Frames   streamSeconds per 1,000 frames
     * @param needles                per needle, held-out wording
     * @param controlTrainingWording the same needles in the training wording, or null when not asked
     * @param controlPlainWording    the same needles in plain words, or null when not asked
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Size(int frames, long seed, String url, double top1, double top5, double multipleChoice,
                       double queryLatencyMsP50, double queryLatencyMsP95, long memoryBytesPerCamera,
                       List<Integer> memoryEntriesByTier, double streamSeconds, double secondsPer1000Frames,
                       List<NeedleResult> needles, Control controlTrainingWording, Control controlPlainWording) {
    }

    /**
     * The same needles asked in another wording, to tell what the wording costs from what the pixels miss.
     *
     * @param what           which wording and what the gap means
     * @param top1           share of needles with a top-1 hit
     * @param top5           share with a hit in the top 5
     * @param multipleChoice share of right multiple-choice answers
     * @param needles        per needle
     */
    public record Control(String what, double top1, double top5, double multipleChoice, List<NeedleResult> needles) {
    }
}
