package dev.vigil.training.answer;

import java.util.List;

/**
 * One object's time on screen, from synthcam's ground truth, in event time.
 *
 * @param kind        wire name ({@code car})
 * @param colour      wire name ({@code red})
 * @param actions     everything it did during the visit, in order ({@code enters_left}, ..., {@code leaves})
 * @param startMillis epoch millis of its first frame
 * @param endMillis   epoch millis just after its last frame (the last frame's time plus one frame interval)
 */
public record SceneVisit(String kind, String colour, List<String> actions, long startMillis, long endMillis) {

    public SceneVisit {
        actions = List.copyOf(actions);
    }

    /** Whether it is this kind and colour ({@code colour} null: any colour). */
    public boolean is(String kind, String colour) {
        return this.kind.equals(kind) && (colour == null || this.colour.equals(colour));
    }

    /** Whether it was on screen during {@code [start, end)}. */
    public boolean overlaps(long start, long end) {
        return start < endMillis && end > startMillis;
    }

    /** The side it came in from, {@code left} or {@code right}, or null when it did not enter at a side. */
    public String side() {
        return actions.contains("enters_left") ? "left" : actions.contains("enters_right") ? "right" : null;
    }
}
