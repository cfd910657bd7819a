package dev.vigil.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Maps a stream's presentation timestamps onto capture (event) time.
 *
 * <p>The first frame after {@link #anchorAt} takes the anchor instant, and later frames are placed by
 * their presentation-time distance from it, so jitter in delivery (buffering, a slow consumer) does not
 * show up in event time. A live stream re-anchors on the wall clock when its timestamps jump backwards or
 * forwards by more than {@code maxJump} (a camera reboot, a wrap); a file (say, concatenated segments
 * whose timestamps restart) re-anchors one frame step after its previous frame, so its timeline stays
 * continuous. Every returned time is strictly later than the previous one, so a consumer can rely on
 * order and never sees a duplicate time.
 */
public final class PresentationClock {

    private static final long DEFAULT_STEP_MICROS = 40_000;

    private final Duration maxJump;
    private final boolean live;
    private long lastStepMicros = DEFAULT_STEP_MICROS;
    private Instant anchorTime;
    private long anchorMicros;
    private boolean anchored;
    private long lastMicros;
    private Instant last;

    /**
     * @param maxJump largest forward step between consecutive timestamps still taken as continuous
     * @param live    true to re-anchor on the wall clock after a discontinuity, false to continue the timeline
     */
    public PresentationClock(Duration maxJump, boolean live) {
        this.maxJump = maxJump;
        this.live = live;
    }

    /** The next frame will be placed at {@code anchor} (or just after the previous output, if that is later). */
    public void anchorAt(Instant anchor) {
        this.anchorTime = anchor;
        this.anchored = false;
    }

    /**
     * The event time of a frame with presentation time {@code micros}, or empty when it does not advance
     * time and must be dropped.
     *
     * @param wallNow the wall clock now, used to re-anchor a live stream after a discontinuity
     */
    public Optional<Instant> map(long micros, Instant wallNow) {
        if (!anchored) {
            anchor(micros, anchorTime != null ? anchorTime : wallNow);
        } else if (micros < lastMicros || micros - lastMicros > maxJump.toNanos() / 1000) {
            anchor(micros, live ? wallNow : last.plusNanos(lastStepMicros * 1000));
        } else if (micros > lastMicros) {
            lastStepMicros = micros - lastMicros;
        }
        Instant t = anchorTime.plusNanos((micros - anchorMicros) * 1000);
        if (last != null && !t.isAfter(last)) {
            return Optional.empty(); // a repeated timestamp
        }
        lastMicros = micros;
        last = t;
        return Optional.of(t);
    }

    private void anchor(long micros, Instant at) {
        Instant start = last != null && !at.isAfter(last) ? last.plusNanos(1000) : at;
        anchorTime = start;
        anchorMicros = micros;
        lastMicros = micros;
        anchored = true;
    }
}
