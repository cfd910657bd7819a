package dev.vigil.ingest.ffmpeg;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bytedeco.ffmpeg.global.avutil;

import dev.vigil.ingest.RedactedUrl;

/** Turns JavaCV/FFmpeg exceptions into one readable, credential-free line. */
final class FfmpegErrors {

    private static final Pattern CODE = Pattern.compile("error (-\\d+)");
    /** JavaCV's generic hints, which say nothing about this camera. */
    private static final Pattern HINTS = Pattern.compile(
            "\\s*\\((?:Has setFormat\\(\\) been called\\?|For more details, make sure FFmpegLogCallback\\.set\\(\\) has been called\\.)\\)");

    private FfmpegErrors() {
    }

    /** The message with FFmpeg's numeric error explained ("-111" → "Connection refused") and the URL scrubbed. */
    static String describe(Throwable e, RedactedUrl url) {
        String message = e.getMessage() != null ? HINTS.matcher(e.getMessage()).replaceAll("")
                : e.getClass().getSimpleName();
        Matcher m = CODE.matcher(message);
        if (m.find()) {
            byte[] buf = new byte[256];
            if (avutil.av_strerror(Integer.parseInt(m.group(1)), buf, buf.length) == 0) {
                int n = 0;
                while (n < buf.length && buf[n] != 0) {
                    n++;
                }
                message = message + " [" + new String(buf, 0, n, StandardCharsets.UTF_8) + "]";
            }
        }
        return url.scrub(message);
    }
}
