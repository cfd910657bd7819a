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
 *
 * <p>A live stream that tells the real-world time of its timestamps (RTSP: RTCP sender reports, exposed by
 * FFmpeg as {@code start_time_realtime}) is mapped by that instead, see {@link #referTo}: it is the
 * camera's own capture time, free of the delay at which frames reach us (connection set-up, probing,
 * network). The reference is trusted only while it agrees with the wall clock within {@code maxJump},
 * since camera clocks are often not synchronised.
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
    private Long referenceMicros;

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
        this.referenceMicros = null;
    }

    /**
     * From now on, timestamp {@code micros} means {@code epochMicrosAtZero + micros} microseconds since the
     * Unix epoch (as long as that stays within {@code maxJump} of the wall clock).
     */
    public void referTo(long epochMicrosAtZero) {
        this.referenceMicros = epochMicrosAtZero;
    }

    /**
     * The event time of a frame with presentation time {@code micros}, or empty when it does not advance
     * time and must be dropped.
     *
     * @param wallNow the wall clock now, used to re-anchor a live stream after a discontinuity
     */
    public Optional<Instant> map(long micros, Instant wallNow) {
        if (referenceMicros != null) {
            long epochMicros = referenceMicros + micros;
            Instant t = Instant.ofEpochSecond(Math.floorDiv(epochMicros, 1_000_000L),
                    Math.floorMod(epochMicros, 1_000_000L) * 1000);
            if (Duration.between(t, wallNow).abs().compareTo(maxJump) <= 0) {
                return advance(micros, t);
            }
            referenceMicros = null; // the camera's clock is off: fall back to our own
            anchor(micros, wallNow);
        }
        if (!anchored) {
            anchor(micros, anchorTime != null ? anchorTime : wallNow);
        } else if (micros < lastMicros || micros - lastMicros > maxJump.toNanos() / 1000) {
            anchor(micros, live ? wallNow : last.plusNanos(lastStepMicros * 1000));
        } else if (micros > lastMicros) {
            lastStepMicros = micros - lastMicros;
        }
        return advance(micros, anchorTime.plusNanos((micros - anchorMicros) * 1000));
    }

    private Optional<Instant> advance(long micros, Instant t) {
        if (last != null && !t.isAfter(last)) {
            return Optional.empty(); // a repeated timestamp, or a switch to an earlier reference
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
