package dev.vigil.ingest;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A camera URL that is safe to print: {@link #toString()} replaces any user-info (user and password) with
 * {@code ***} and drops query values named like secrets. The raw URL is available only through
 * {@link #secretValue()}, which is for handing to FFmpeg, never to a log.
 */
public final class RedactedUrl {

    private static final Pattern USER_INFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)([^/@\\s]*)@");
    private static final Pattern SECRET_PARAM =
            Pattern.compile("(?i)([?&](?:password|passwd|pwd|token|key|secret|auth|signature)=)[^&\\s]*");

    private final String raw;
    private final String redacted;

    /** Wraps {@code raw}. */
    public RedactedUrl(String raw) {
        this.raw = Objects.requireNonNull(raw, "raw");
        this.redacted = redact(raw);
    }

    /** The scheme in lower case ({@code rtsp}, {@code file}, ...), or empty if there is none. */
    public String scheme() {
        int i = raw.indexOf("://");
        return i <= 0 ? "" : raw.substring(0, i).toLowerCase(java.util.Locale.ROOT);
    }

    /** The URL with credentials: only for the library that opens the stream. */
    public String secretValue() {
        return raw;
    }

    /**
     * Removes this URL's credentials from any text, e.g. an exception message from a native library
     * that echoes the URL it was given.
     */
    public String scrub(String text) {
        if (text == null) {
            return null;
        }
        return redact(text.replace(raw, redacted));
    }

    /** Removes credentials from every URL found in {@code text}. */
    public static String redact(String text) {
        String out = USER_INFO.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1)) + "***@");
        return SECRET_PARAM.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1)) + "***");
    }

    @Override
    public String toString() {
        return redacted;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RedactedUrl u && raw.equals(u.raw);
    }

    @Override
    public int hashCode() {
        return raw.hashCode();
    }
}
