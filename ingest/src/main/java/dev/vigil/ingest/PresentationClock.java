package dev.vigil.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Maps a stream's presentation timestamps onto capture (event) time.
 *
 * <p>The first frame after {@link #anchorAt} takes the anchor instant, and later frames are placed by
 * their presentation-time distance from it, so jitter in delivery (buffering, a slow consumer, a stall)
 * does not show up in event time.
 *
 * <p>A live stream is anchored <em>once per connection</em> (the source calls {@link #anchorAt} on each
 * open). Within a connection a picture whose timestamp does not advance (a repeat, or a stale picture a
 * decoder flushes after a stall) is dropped: the wall clock at its arrival says nothing about when it was
 * captured, so it is never stamped with it. Forward jumps are taken as they come (a server that paused
 * sends its later pictures with later timestamps); only a time that would lie in the future moves the
 * anchor back to the wall clock, since a frame cannot have been captured after it arrived. A camera whose
 * timestamps restart inside one connection therefore yields nothing until the source's frame watchdog
 * reopens the stream and anchors it afresh.
 *
 * <p>A file (say, concatenated segments whose timestamps restart) re-anchors one frame step after its
 * previous frame, so its timeline stays continuous. Every returned time is strictly later than the
 * previous one, so a consumer can rely on order and never sees a duplicate time.
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
    /** The stream's reference clock disagreed with ours in this connection: not trusted again until re-anchored. */
    private boolean referenceRejected;

    /**
     * @param maxJump for files, the largest forward step between consecutive timestamps still taken as
     *                continuous; for a camera's reference clock, how far it may disagree with ours
     * @param live    true for a live stream (anchored once per connection, non-advancing pictures dropped),
     *                false for a file (the timeline continues across restarts of its timestamps)
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
        this.referenceRejected = false;
    }

    /**
     * From now on, timestamp {@code micros} means {@code epochMicrosAtZero + micros} microseconds since the
     * Unix epoch (as long as that stays within {@code maxJump} of the wall clock).
     */
    public void referTo(long epochMicrosAtZero) {
        if (!referenceRejected) {
            this.referenceMicros = epochMicrosAtZero;
        }
    }

    /**
     * The event time of a frame with presentation time {@code micros}, or empty when it does not advance
     * time and must be dropped.
     *
     * @param wallNow the wall clock now: the anchor of a live stream's first frame, and the latest time any
     *                live frame may have
     */
    public Optional<Instant> map(long micros, Instant wallNow) {
        if (referenceMicros != null) {
            long epochMicros = referenceMicros + micros;
            Instant t = Instant.ofEpochSecond(Math.floorDiv(epochMicros, 1_000_000L),
                    Math.floorMod(epochMicros, 1_000_000L) * 1000);
            if (Duration.between(t, wallNow).abs().compareTo(maxJump) <= 0) {
                return advance(micros, t);
            }
            referenceMicros = null; // the camera's clock is off: fall back to our own, for this connection
            referenceRejected = true;
            if (last != null && micros <= lastMicros) {
                return Optional.empty();
            }
            anchor(micros, wallNow);
        } else if (!anchored) {
            anchor(micros, anchorTime != null ? anchorTime : wallNow);
        } else if (live) {
            if (micros <= lastMicros) {
                return Optional.empty(); // a repeated or stale picture: never re-stamped
            }
        } else if (micros < lastMicros || micros - lastMicros > maxJump.toNanos() / 1000) {
            anchor(micros, last.plusNanos(lastStepMicros * 1000));
        } else if (micros > lastMicros) {
            lastStepMicros = micros - lastMicros;
        }
        Instant t = anchorTime.plusNanos((micros - anchorMicros) * 1000);
        if (live && t.isAfter(wallNow)) {
            // Delivered sooner, relative to the first frame, than the first frame was: that one arrived late.
            anchorTime = anchorTime.minus(Duration.between(wallNow, t));
            t = wallNow;
        }
        return advance(micros, t);
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
