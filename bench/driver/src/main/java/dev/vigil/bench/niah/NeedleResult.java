package dev.vigil.bench.niah;

import java.util.List;

/**
 * What the bench found for one needle.
 *
 * @param frames       haystack size
 * @param depth        where the needle was planted (0 = start, 1 = end)
 * @param needle       the planted event, {@code time:colour:kind:action}
 * @param question     the held-out question asked
 * @param firstFrame   the needle object's first frame on screen
 * @param lastFrame    its last frame on screen
 * @param evidence     the five retrieved memory entries, best first
 * @param top1         whether the best entry's time overlaps the needle car's time on screen
 * @param top5         whether one of the best five does
 * @param colourChoice the colour question: options and whether the bundle picked the right one
 * @param kindChoice   the kind question
 * @param queryMillis  time to embed the question and search
 */
public record NeedleResult(int frames, double depth, String needle, String question, long firstFrame, long lastFrame,
                           List<Evidence> evidence, boolean top1, boolean top5, Choice colourChoice, Choice kindChoice,
                           double queryMillis) {

    /**
     * One retrieved memory entry.
     *
     * @param firstFrame haystack frame index of the entry's start
     * @param lastFrame  haystack frame index of its last frame
     * @param tier       0 = a raw 2 s clip, 1 and 2 = consolidated buckets
     * @param score      cosine similarity to the question
     * @param hit        whether it overlaps the needle car's time on screen
     */
    public record Evidence(long firstFrame, long lastFrame, int tier, double score, boolean hit) {
    }

    /**
     * One 4-option multiple-choice question, scored by cosine between each option's text embedding and the top-1
     * evidence frame.
     *
     * @param question the question
     * @param options  the four options
     * @param answer   index of the right one
     * @param chosen   index the bundle chose
     */
    public record Choice(String question, List<String> options, int answer, int chosen) {
        public boolean correct() {
            return answer == chosen;
        }
    }
}
