package dev.vigil.ingest.ffmpeg;

import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import java.io.File;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.vigil.ingest.CameraSource;
import dev.vigil.ingest.CameraState.Phase;
import dev.vigil.ingest.CameraStateChannel;
import dev.vigil.ingest.FreezeDetector;
import dev.vigil.ingest.PresentationClock;
import dev.vigil.ingest.RedactedUrl;
import dev.vigil.ingest.SourceCounters;
import dev.vigil.ingest.SourceFrame;

/**
 * A camera read through FFmpeg ({@link StreamInput}): {@code rtsp://}, {@code rtsps://},
 * {@code http(s)://} streams, and files ({@code file://} URLs or plain paths).
 *
 * <p>A frame watchdog guards every connection ({@link ReadDeadline}, FFmpeg's interrupt callback): when no
 * frame is handed out for {@link FfmpegOptions#stallAfter()} the source moves to {@code STALLED}, the blocked
 * read is abandoned and the stream reopened at once. A live stream's event time comes from its presentation
 * timestamps, anchored once per connection ({@link PresentationClock}); a picture whose timestamp does not
 * advance is dropped and counted ({@code frames.discarded}), never stamped with the time it arrived.
 *
 * <p>Live streams reconnect after any failure (open error, read timeout, end of stream, too many
 * undecodable frames in a row) with {@link dev.vigil.ingest.ExponentialBackoff}; files end at their end
 * and fail for good if they cannot be opened; a file whose read fails mid-way is reopened and resumes after
 * the frames it already went through (skipped by count, so timestamps that restart inside the file do not
 * matter), never replaying them, and gives up when the backoff does. Frames are decoded in the stream's own
 * pixel format and converted only when a consumer asks for pixels. The input is released on every path: end,
 * failure, stall, reconnect and {@link #close()}; {@link #close()} from another thread interrupts a
 * blocked read at once.
 */
public final class FfmpegSource implements CameraSource {

    private static final Logger log = LoggerFactory.getLogger(FfmpegSource.class);
    private static final Set<String> NETWORK_SCHEMES = Set.of("rtsp", "rtsps", "http", "https");
    /** How often a reconnect wait checks whether a camera that was down accepts connections again. */
    private static final Duration PROBE_EVERY = Duration.ofSeconds(1);

    private final String cameraId;
    private final RedactedUrl url;
    private final FfmpegOptions options;
    private final Clock clock;
    private final CameraStateChannel state;
    private final SourceCounters counters = new SourceCounters();
    /** The open file's length and the last frame's position, for {@link #progress()} (read from other threads). */
    private volatile long lengthMicros;
    private volatile long lastTimestampMicros;
    private final boolean network;
    private final String unsupported;
    private final PresentationClock presentation;
    private final FreezeDetector freeze;
    private final PictureScaler scaler = new PictureScaler();
    private final ReentrantLock readLock = new ReentrantLock();
    private final Object wake = new Object();

    private volatile boolean closed;
    /** The deadline of the current connection; replaced on each open, cancelled by {@link #close()}. */
    private volatile ReadDeadline deadline;
    private StreamInput input;
    private final Optional<ServerProbe> probe;
    private boolean reopenAfterStall;
    private int failures;
    private int decodeErrorsInRow;
    // A file reopened after a read error resumes where it was instead of playing again from the start:
    // frames grabbed since this open, and how many of them the previous opens already went through.
    private long filePosition;
    private long fileResumeAt;
    private long playStartNanos;
    private Instant playStartEventTime;
    private boolean released;

    /**
     * Never throws for a bad URL: an unsupported scheme leaves the source {@link Phase#FAILED} and
     * {@link #read()} returns empty.
     */
    public FfmpegSource(String cameraId, RedactedUrl url, FfmpegOptions options, Clock clock) {
        this.cameraId = cameraId;
        this.url = url;
        this.options = options;
        this.clock = clock;
        this.state = new CameraStateChannel(cameraId, clock);
        String scheme = url.scheme();
        this.network = NETWORK_SCHEMES.contains(scheme);
        this.unsupported = network || scheme.isEmpty() || scheme.equals("file") ? null
                : "unsupported URL scheme '" + scheme + "' in " + url + " (use rtsp, rtsps, http, https, file or synthcam)";
        this.presentation = new PresentationClock(options.maxTimestampJump(), network);
        this.freeze = new FreezeDetector(options.freezeAfter(), 0.5);
        this.probe = network ? ServerProbe.of(url, Duration.ofMillis(500)) : Optional.empty();
        FfmpegLog.install();
        if (unsupported != null) {
            state.moveTo(Phase.FAILED, unsupported);
        }
    }

    /**
     * Where a file's event time starts when none was given: now for real-time playback; for playback as fast as
     * it is read, early enough that the whole file lies in the past (Kafka refuses records from the future).
     */
    private Instant defaultFileEpoch() {
        if (options.pacing() == Pacing.REALTIME) {
            return clock.instant();
        }
        long micros = lengthMicros > 0 ? lengthMicros : 3_600_000_000L;
        return clock.instant().minusNanos(micros * 1000).minusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    @Override
    public java.util.OptionalDouble progress() {
        long length = lengthMicros;
        return network || length <= 0 ? java.util.OptionalDouble.empty()
                : java.util.OptionalDouble.of(Math.min(1.0, Math.max(0, lastTimestampMicros) / (double) length));
    }

    @Override
    public boolean pacedByReader() {
        return !network && options.pacing() != Pacing.REALTIME;
    }

    @Override
    public String cameraId() {
        return cameraId;
    }

    @Override
    public String describe() {
        return url.toString();
    }

    @Override
    public CameraStateChannel stateChannel() {
        return state;
    }

    @Override
    public SourceCounters counters() {
        return counters;
    }

    @Override
    public Optional<SourceFrame> read() {
        readLock.lock();
        try {
            // The watchdog counts from each request for a frame: time the reader spends elsewhere (a file paced
            // by Kafka acknowledgements) is not a stall of the stream.
            if (deadline != null) {
                deadline.extend(options.stallAfter());
            }
            while (!closed && !state.current().isTerminal()) {
                if (input == null && !open()) {
                    continue;
                }
                Optional<SourceFrame> frame = grabOne();
                if (frame.isPresent()) {
                    return frame;
                }
            }
            if (closed) {
                releaseAll();
            }
            return Optional.empty();
        } catch (RuntimeException e) {
            // Belt and braces: nothing from native code or our own bugs may escape the source loop.
            log.error("camera {}: unexpected error, source stopped", cameraId, e);
            releaseInput();
            state.moveTo(Phase.FAILED, url.scrub(e.toString()));
            return Optional.empty();
        } finally {
            readLock.unlock();
        }
    }

    /** Opens the stream once; on failure sets the state (and waits out the backoff); true if open. */
    private boolean open() {
        if (failures > 0 || reopenAfterStall) {
            counters.reconnect();
        }
        ReadDeadline d = new ReadDeadline(this::watchdogFired);
        deadline = d;
        if (closed) {
            d.cancel();
        }
        d.extend(options.connectTimeout());
        StreamInput in;
        try {
            in = StreamInput.open(target(), openOptions(), d);
        } catch (StreamInput.Failure e) {
            if (d.cancelled()) {
                return false;
            }
            String why = e.code() == 0 ? e.getMessage() + " in " + url
                    : d.tripped() ? "no answer within " + options.connectTimeout().toMillis() + " ms from " + url
                    : FfmpegErrors.describe(e, url);
            return failed(why, !network);
        }
        input = in;
        reopenAfterStall = false;
        decodeErrorsInRow = 0;
        freeze.reset();
        lengthMicros = network ? 0 : in.lengthMicros();
        fileResumeAt = Math.max(fileResumeAt, filePosition);
        filePosition = 0;
        // A live stream's event time is anchored once per connection, on its first frame; a resumed file
        // keeps its timeline: its timestamps go on where they were.
        if (network || fileResumeAt == 0) {
            presentation.anchorAt(network ? null : options.fileEpoch() != null ? options.fileEpoch() : defaultFileEpoch());
        }
        d.rearm(options.stallAfter());
        log.info("camera {} opened {} ({}x{}, {} fps, codec {})", cameraId, url, in.width(), in.height(),
                String.format(java.util.Locale.ROOT, "%.2f", in.frameRate()), in.codecName());
        return true;
    }

    /** Reads frames until one can be handed out, or the stream fails, stalls or ends (then empty). */
    private Optional<SourceFrame> grabOne() {
        StreamInput.Decoded decoded;
        try {
            decoded = input.next(this::undecodablePacket);
        } catch (StreamInput.Failure e) {
            // The state first, so a stall is visible at once; closing the input may take a moment.
            if (deadline.cancelled()) {
                releaseInput();
                return Optional.empty(); // closed
            }
            if (deadline.tripped()) {
                stalled();
                long closing = System.nanoTime();
                releaseInput();
                log.debug("camera {}: stalled input closed in {} ms", cameraId, (System.nanoTime() - closing) / 1_000_000);
            } else {
                releaseInput();
                failed(FfmpegErrors.describe(e, url), false);
            }
            return Optional.empty();
        }
        if (decoded == null) {
            releaseInput();
            if (network) {
                failed("stream ended", false);
            } else {
                state.moveTo(Phase.ENDED, null);
                log.info("camera {} reached the end of {} ({} frames, {} undecodable)", cameraId, url,
                        counters.decoded(), counters.decodeErrors());
            }
            return Optional.empty();
        }
        if (deadline.tripped()) {
            // A picture FFmpeg flushed while giving up on a connection that had gone quiet: the connection
            // is dead all the same (and the picture older than the watchdog bound).
            releaseInput();
            stalled();
            return Optional.empty();
        }
        AVFrame picture = decoded.picture();
        long micros = decoded.micros();
        if (!network && filePosition++ < fileResumeAt) {
            return Optional.empty(); // already handed on before the reopen
        }
        if ((picture.flags() & AVFrame.AV_FRAME_FLAG_CORRUPT) != 0 || picture.decode_error_flags() != 0) {
            counters.decodeError();
            if (++decodeErrorsInRow >= options.maxConsecutiveDecodeErrors() && network) {
                releaseInput();
                failed(decodeErrorsInRow + " undecodable frames in a row", false);
            } else if (decodeErrorsInRow == 1) {
                log.warn("camera {}: undecodable frame at {} us (counted, not emitted)", cameraId, micros);
            }
            return Optional.empty();
        }
        decodeErrorsInRow = 0;
        if (network) {
            long realtime = input.startTimeRealtime();
            if (realtime != AV_NOPTS_VALUE && realtime > 0) {
                presentation.referTo(realtime);
            }
        }
        lastTimestampMicros = micros;
        Optional<Instant> eventTime = presentation.map(micros, clock.instant());
        if (eventTime.isEmpty()) {
            // A repeated or stale picture (its timestamp does not advance): dropped and counted, never
            // re-stamped. If nothing but such pictures comes, the watchdog reopens the stream.
            counters.discarded();
            return Optional.empty();
        }
        pace(eventTime.get());
        failures = 0;
        state.moveTo(Phase.LIVE, null);
        AvFramePicture pixels = new AvFramePicture(picture, scaler);
        state.markFrozen(freeze.observe(pixels, eventTime.get()));
        counters.frameDecoded();
        return Optional.of(new SourceFrame(eventTime.get(), micros, pixels));
    }

    private void undecodablePacket() {
        counters.decodeError();
        if (++decodeErrorsInRow == 1) {
            log.warn("camera {}: undecodable packet (counted, skipped)", cameraId);
        }
    }

    /**
     * The frame watchdog fired, on the reading thread, inside FFmpeg (the interrupt callback): while opening, the
     * connect timeout passed; while reading, no frame for {@code stallAfter}. A stall is published at once.
     */
    private void watchdogFired() {
        if (input != null && network) {
            counters.stall();
            state.moveTo(Phase.STALLED, "no frame for " + options.stallAfter().toMillis() + " ms");
        }
    }

    /**
     * After the watchdog fired on an open stream and FFmpeg gave up the read: the stream is reopened at once (the
     * next {@link #open()}), without a backoff wait, since the server was answering until now. A file is
     * retried as after a read error.
     */
    private void stalled() {
        String why = "no frame for " + options.stallAfter().toMillis() + " ms";
        if (network) {
            reopenAfterStall = true;
            log.warn("camera {}: {} (stream stalled); reconnecting now", cameraId, why);
        } else {
            failed(why + " from " + url, false);
        }
    }

    /** Plays a file at its own rate when asked to; live streams are paced by the camera. */
    private void pace(Instant eventTime) {
        if (network || options.pacing() != Pacing.REALTIME) {
            return;
        }
        if (playStartEventTime == null) {
            playStartEventTime = eventTime;
            playStartNanos = System.nanoTime();
            return;
        }
        long due = playStartNanos + Duration.between(playStartEventTime, eventTime).toNanos();
        long wait = due - System.nanoTime();
        if (wait > 0) {
            pause(Duration.ofNanos(wait));
        }
    }

    /**
     * Records a failure: permanent ones, or when the backoff allows no more attempts, end in FAILED;
     * otherwise RECONNECTING and a backoff wait. Always returns false (no stream is open).
     */
    private boolean failed(String error, boolean permanent) {
        failures++;
        if (permanent || !options.backoff().allows(failures)) {
            state.moveTo(Phase.FAILED, error);
            log.warn("camera {} failed: {}", cameraId, error);
            return false;
        }
        state.moveTo(Phase.RECONNECTING, error);
        Duration delay = options.backoff().delay(failures);
        log.warn("camera {}: {}; reconnect attempt {} in {} ms", cameraId, error, failures, delay.toMillis());
        awaitRetry(delay);
        return false;
    }

    /**
     * Waits {@code delay} before the next attempt, but, for a network camera whose address refused connections
     * during the wait, only until it accepts them again (probed every {@link #PROBE_EVERY}): a camera back after
     * an outage is reconnected within about a second, whatever step the backoff had reached. A server that
     * accepts connections all along (it answers, but the stream fails) waits out the full step.
     */
    private void awaitRetry(Duration delay) {
        if (probe.isEmpty() || delay.compareTo(PROBE_EVERY.multipliedBy(2)) < 0) {
            pause(delay);
            return;
        }
        long end = System.nanoTime() + delay.toNanos();
        boolean refused = false;
        while (!closed && end - System.nanoTime() > 0) {
            pause(Duration.ofNanos(Math.min(PROBE_EVERY.toNanos(), end - System.nanoTime())));
            if (closed || end - System.nanoTime() <= 0) {
                return;
            }
            boolean accepts = probe.get().accepts();
            if (accepts && refused) {
                log.info("camera {}: {} accepts connections again; reconnecting now", cameraId, url);
                return;
            }
            refused |= !accepts;
        }
    }

    private String target() {
        if (url.scheme().equals("file")) {
            return new File(java.net.URI.create(url.secretValue())).getPath();
        }
        return url.secretValue();
    }

    private Map<String, String> openOptions() {
        Map<String, String> o = new HashMap<>();
        if (network) {
            long connectMicros = options.connectTimeout().toNanos() / 1000;
            long readMicros = options.readTimeout().toNanos() / 1000;
            // rtsp/http: "timeout" bounds connecting and each socket operation; "rw_timeout" bounds reads
            // at the protocol layer, so a stream that stalls without closing is noticed too.
            o.put("timeout", Long.toString(connectMicros));
            o.put("rw_timeout", Long.toString(readMicros));
            // FFmpeg's default 5 s of stream probing arrives as a burst of stale frames after connecting
            // (measured: 3 s against the test server); 1 s is plenty for a camera's single video stream.
            o.put("analyzeduration", "1000000");
            o.put("fflags", "nobuffer");
            if (url.scheme().startsWith("rtsp")) {
                o.put("rtsp_transport", options.rtspTransport());
                o.put("allowed_media_types", "video");
            }
            if (url.scheme().startsWith("http")) {
                o.put("reconnect", "0"); // we reconnect ourselves, with backoff and state
            }
        }
        return o;
    }

    /** Sleeps, waking early on {@link #close()}. */
    private void pause(Duration d) {
        long deadline = System.nanoTime() + d.toNanos();
        synchronized (wake) {
            long left;
            while (!closed && (left = deadline - System.nanoTime()) > 0) {
                try {
                    wake.wait(Math.max(1, left / 1_000_000), 0);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    closed = true;
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        ReadDeadline d = deadline;
        if (d != null) {
            d.cancel(); // a read blocked in FFmpeg returns within ~100 ms
        }
        synchronized (wake) {
            wake.notifyAll();
        }
        // A reader in native code holds the lock; the cancelled deadline makes it return and release everything.
        if (readLock.tryLock()) {
            try {
                releaseAll();
            } finally {
                readLock.unlock();
            }
        }
    }

    private void releaseAll() {
        releaseInput();
        if (!released) {
            released = true;
            scaler.close();
            if (!state.current().isTerminal()) {
                state.moveTo(Phase.ENDED, null);
            }
        }
    }

    private void releaseInput() {
        if (input != null) {
            input.close();
            input = null;
        }
    }
}
