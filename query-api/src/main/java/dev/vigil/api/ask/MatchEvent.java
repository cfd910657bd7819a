package dev.vigil.api.ask;

import dev.vigil.api.memory.Moment;

/**
 * What the camera showed that matches a question, once: a run of contiguous stored moments of one camera whose
 * relevance reaches the threshold, grouped so that a car on screen for five clips is one event with a start and
 * an end, not five near-identical hits.
 *
 * @param camera      the camera
 * @param start       epoch millis, the first moment's start
 * @param end         epoch millis, the last moment's end
 * @param probability the highest relevance of its moments (the bundle's calibrated probability)
 * @param peak        the moment with that relevance: the one to show
 * @param moments     how many stored moments the event spans
 */
public record MatchEvent(String camera, long start, long end, double probability, Moment peak, int moments) {
}
