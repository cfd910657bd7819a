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
        int maxConsecutiveDecodeErrors) {

    public FfmpegOptions {
        Objects.requireNonNull(rtspTransport, "rtspTransport");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(pacing, "pacing");
        Objects.requireNonNull(freezeAfter, "freezeAfter");
        Objects.requireNonNull(maxTimestampJump, "maxTimestampJump");
    }

    /** TCP, 10 s timeouts, standard backoff forever, files in real time, frozen after 2 minutes. */
    public static FfmpegOptions defaults(RandomGenerator jitter) {
        return new FfmpegOptions("tcp", Duration.ofSeconds(10), Duration.ofSeconds(10),
                ExponentialBackoff.standard(jitter), Pacing.REALTIME, null, Duration.ofMinutes(2),
                Duration.ofSeconds(10), 250);
    }

    /** A copy with another backoff. */
    public FfmpegOptions withBackoff(ExponentialBackoff b) {
        return new FfmpegOptions(rtspTransport, connectTimeout, readTimeout, b, pacing, fileEpoch, freezeAfter,
                maxTimestampJump, maxConsecutiveDecodeErrors);
    }

    /** A copy with other timeouts. */
    public FfmpegOptions withTimeouts(Duration connect, Duration read) {
        return new FfmpegOptions(rtspTransport, connect, read, backoff, pacing, fileEpoch, freezeAfter,
                maxTimestampJump, maxConsecutiveDecodeErrors);
    }

    /** A copy with another file pacing and epoch. */
    public FfmpegOptions withFilePlayback(Pacing p, Instant epoch) {
        return new FfmpegOptions(rtspTransport, connectTimeout, readTimeout, backoff, p, epoch, freezeAfter,
                maxTimestampJump, maxConsecutiveDecodeErrors);
    }

    /** A copy with another freeze threshold. */
    public FfmpegOptions withFreezeAfter(Duration d) {
        return new FfmpegOptions(rtspTransport, connectTimeout, readTimeout, backoff, pacing, fileEpoch, d,
                maxTimestampJump, maxConsecutiveDecodeErrors);
    }
}
