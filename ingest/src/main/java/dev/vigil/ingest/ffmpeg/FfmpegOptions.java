package dev.vigil.ingest.ffmpeg;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.random.RandomGenerator;

import dev.vigil.ingest.ExponentialBackoff;

/**
 * Settings of an {@link FfmpegSource}.
 *
 * @param rtspTransport    {@code tcp} (default: no loss from UDP reordering or firewalls) or {@code udp}
 * @param connectTimeout   how long opening a network stream may take
 * @param readTimeout      how long a network read may block before the stream counts as lost
 * @param backoff          delays between reconnect attempts (and when to give up)
 * @param pacing           how a file is played
 * @param fileEpoch        event time of a file's first frame; null means the wall clock when it is opened
 * @param freezeAfter      an unchanged picture for this long marks the camera frozen
 * @param maxTimestampJump a larger jump in a live stream's timestamps re-anchors its event time on the wall clock
 * @param maxConsecutiveDecodeErrors after this many undecodable frames in a row a live stream is reopened
 * @param stallAfter       the frame watchdog: a connected stream that hands out no frame for this long is
 *                         {@code STALLED}; the blocked read is interrupted and the stream reopened at once
 */
public record FfmpegOptions(
        String rtspTransport,
        Duration connectTimeout,
        Duration readTimeout,
        ExponentialBackoff backoff,
        Pacing pacing,
        Instant fileEpoch,
        Duration freezeAfter,
        Duration maxTimestampJump,
        int maxConsecutiveDecodeErrors,
        Duration stallAfter) {

    public FfmpegOptions {
        Objects.requireNonNull(rtspTransport, "rtspTransport");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(pacing, "pacing");
        Objects.requireNonNull(freezeAfter, "freezeAfter");
        Objects.requireNonNull(maxTimestampJump, "maxTimestampJump");
        Objects.requireNonNull(stallAfter, "stallAfter");
        if (stallAfter.compareTo(Duration.ofMillis(500)) < 0) {
            throw new IllegalArgumentException("the frame watchdog (stallAfter) must be at least 500 ms (shorter would count a healthy 2 fps camera as stalled), not "
                    + stallAfter.toMillis() + " ms");
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || readTimeout.isNegative() || readTimeout.isZero()) {
            throw new IllegalArgumentException("connect and read timeouts must be positive");
        }
    }

    /** The frame watchdog's default: a few frame intervals of even a slow camera (1 fps), and quick to notice. */
    public static final Duration DEFAULT_STALL_AFTER = Duration.ofSeconds(5);

    /**
     * TCP, 10 s timeouts, standard backoff forever, files in real time, frozen after 2 minutes, stalled after
     * {@link #DEFAULT_STALL_AFTER} without a frame.
     */
    public static FfmpegOptions defaults(RandomGenerator jitter) {
        return new FfmpegOptions("tcp", Duration.ofSeconds(10), Duration.ofSeconds(10),
                ExponentialBackoff.standard(jitter), Pacing.REALTIME, null, Duration.ofMinutes(2),
                Duration.ofSeconds(10), 250, DEFAULT_STALL_AFTER);
    }

    /** A copy with another frame watchdog bound. */
    public FfmpegOptions withStallAfter(Duration d) {
        return new FfmpegOptions(rtspTransport, connectTimeout, readTimeout, backoff, pacing, fileEpoch, freezeAfter,
                maxTimestampJump, maxConsecutiveDecodeErrors, d);
    }

    /** A copy with another backoff. */
    public FfmpegOptions withBackoff(ExponentialBackoff b) {
        return new FfmpegOptions(rtspTransport, connectTimeout, readTimeout, b, pacing, fileEpoch, freezeAfter,
                maxTimestampJump, maxConsecutiveDecodeErrors, stallAfter);
    }

    /** A copy with other timeouts. */
    public FfmpegOptions withTimeouts(Duration connect, Duration read) {
        return new FfmpegOptions(rtspTransport, connect, read, backoff, pacing, fileEpoch, freezeAfter,
                maxTimestampJump, maxConsecutiveDecodeErrors, stallAfter);
    }

    /** A copy with another file pacing and epoch. */
    public FfmpegOptions withFilePlayback(Pacing p, Instant epoch) {
        return new FfmpegOptions(rtspTransport, connectTimeout, readTimeout, backoff, p, epoch, freezeAfter,
                maxTimestampJump, maxConsecutiveDecodeErrors, stallAfter);
    }

    /** A copy with another freeze threshold. */
    public FfmpegOptions withFreezeAfter(Duration d) {
        return new FfmpegOptions(rtspTransport, connectTimeout, readTimeout, backoff, pacing, fileEpoch, d,
                maxTimestampJump, maxConsecutiveDecodeErrors, stallAfter);
    }
}
