package dev.vigil.ingest.ffmpeg;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_FATAL;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_WARNING;

import org.bytedeco.ffmpeg.avutil.LogCallback;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends FFmpeg's own log lines to the logger {@code dev.vigil.ingest.ffmpeg.native} instead of stderr. FFmpeg
 * talks a lot about streams that are fine (an MJPEG camera makes swscale warn "deprecated pixel format used"
 * on every frame; RTSP warns of every late packet), and vigil reports what matters itself (camera states,
 * errors with the FFmpeg error text), so everything but fatal errors goes to debug; fatal ones to warn.
 * Credentials are scrubbed: FFmpeg prints URLs.
 *
 * <p>FFmpeg's log callback is one per process: {@link #install()} sets it once, whoever calls it first, and
 * the callback object is kept by the class so native code never calls a collected thunk.
 */
final class FfmpegLog extends LogCallback {

    private static final Logger log = LoggerFactory.getLogger("dev.vigil.ingest.ffmpeg.native");

    /** Set by the class initialiser (so exactly once, thread-safely), never changed. */
    private static final FfmpegLog INSTALLED = new FfmpegLog();

    static {
        avutil.setLogCallback(INSTALLED);
        // Below warnings FFmpeg formats lines nobody reads unless tracing; let it skip them. Warnings and errors
        // still come here, so turning the logger to DEBUG at run time shows them.
        avutil.av_log_set_level(log.isTraceEnabled() ? avutil.AV_LOG_DEBUG : AV_LOG_WARNING);
    }

    private FfmpegLog() {
        super();
    }

    /** Routes FFmpeg's log to SLF4J (idempotent: the first call does it). */
    static void install() {
        // the class initialiser did the work; referencing INSTALLED makes sure it ran
        if (INSTALLED == null) {
            throw new IllegalStateException("FFmpeg log callback not installed");
        }
    }

    @Override
    public void call(int level, BytePointer msg) {
        String line = msg == null ? "" : msg.getString().stripTrailing();
        if (line.isEmpty()) {
            return;
        }
        line = dev.vigil.ingest.RedactedUrl.redact(line);
        if (level <= AV_LOG_FATAL) {
            log.warn("ffmpeg: {}", line);
        } else if (level <= AV_LOG_WARNING) {
            log.debug("ffmpeg: {}", line);
        } else {
            log.trace("ffmpeg: {}", line);
        }
    }
}
