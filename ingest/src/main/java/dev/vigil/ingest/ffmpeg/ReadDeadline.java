package dev.vigil.ingest.ffmpeg;

import java.time.Duration;

import org.bytedeco.ffmpeg.avformat.AVIOInterruptCB;
import org.bytedeco.javacpp.Pointer;

/**
 * The point in time after which FFmpeg must give up whatever it is blocked in, as FFmpeg's interrupt callback.
 *
 * <p>FFmpeg calls the callback of the {@code AVFormatContext} (copied into every protocol it opens: RTSP,
 * TCP, HTTP) before each network read and at least every 100 ms while it waits for a socket, and abandons the
 * operation with {@code AVERROR_EXIT} when it answers 1. That is the only thing that reliably unblocks
 * {@code av_read_frame} on a connection that stays open but delivers nothing a decoder can use (a paused
 * server, a proxy that stops forwarding, a stream of RTCP reports only): socket timeouts do not fire while
 * some bytes still arrive. The reader {@link #extend extends} the deadline whenever it hands out a frame, so
 * the deadline is a frame watchdog; {@link #cancel()} (from any thread) ends the wait at once.
 *
 * <p>Once the deadline has passed it stays passed for this connection ({@link #tripped()}), whatever is extended
 * later: FFmpeg's RTSP demuxer retries once after a failed read and may flush a queued packet in between, and
 * a picture decoded from that must not make a dead connection look alive again.
 *
 * <p>The callback runs on the reading thread, inside native code; on the first trip it runs {@code onTrip}
 * (there, so a stall is reported at once, while FFmpeg is still unwinding).
 */
final class ReadDeadline extends AVIOInterruptCB.Callback_Pointer {

    private volatile long deadlineNanos = System.nanoTime() + Long.MAX_VALUE / 2;
    private volatile boolean cancelled;
    private volatile boolean tripped;
    private final Runnable onTrip;

    /**
     * Without a deadline until the first {@link #extend}; the JavaCPP constructor allocates the native thunk.
     *
     * @param onTrip run once, on the reading thread, when the deadline is first found passed
     */
    ReadDeadline(Runnable onTrip) {
        super();
        this.onTrip = onTrip;
    }

    /** From now, FFmpeg may block for at most {@code d} (until the next extension). */
    void extend(Duration d) {
        deadlineNanos = System.nanoTime() + d.toNanos();
    }

    /**
     * Starts the reading phase with a fresh bound of {@code d}: an open that succeeded although its bound ran
     * out on the way (FFmpeg may finish probing after an interrupt) does not condemn the connection.
     */
    void rearm(Duration d) {
        extend(d);
        tripped = false;
    }

    /** Interrupts whatever FFmpeg is doing now and anything it tries later. */
    void cancel() {
        cancelled = true;
    }

    /** True once the deadline passed (as opposed to a {@link #cancel()}); stays true. */
    boolean tripped() {
        if (!tripped && System.nanoTime() - deadlineNanos > 0) {
            tripped = true;
            onTrip.run();
        }
        return tripped;
    }

    /** True once cancelled. */
    boolean cancelled() {
        return cancelled;
    }

    @Override
    public int call(Pointer opaque) {
        return cancelled || tripped() ? 1 : 0;
    }
}
