package dev.vigil.ingest;

import dev.vigil.schema.cameras.CredentialMask;

import java.util.List;
import java.util.Objects;

/**
 * A camera URL that is safe to print: {@link #toString()} replaces any user-info (user and password) with
 * {@code ***} and masks query values named like secrets, by the one grammar of {@link CredentialMask} (which the
 * API's camera {@code url} uses too). The raw URL is available only through {@link #secretValue()}, which is for
 * handing to FFmpeg, never to a log.
 */
public final class RedactedUrl {

    private final String raw;
    private final String redacted;
    private final List<String> passwords;

    /** Wraps {@code raw}. */
    public RedactedUrl(String raw) {
        this.raw = Objects.requireNonNull(raw, "raw");
        this.redacted = CredentialMask.maskUrl(raw);
        this.passwords = CredentialMask.passwords(raw).stream().filter(p -> p.length() >= 3).toList();
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
     * that echoes the URL it was given, or only its password (raw or percent-decoded).
     */
    public String scrub(String text) {
        if (text == null) {
            return null;
        }
        String out = text.replace(raw, redacted);
        for (String password : passwords) {
            out = out.replace(password, CredentialMask.MASK);
        }
        return redact(out);
    }

    /** Removes credentials from every URL found in {@code text}. */
    public static String redact(String text) {
        return CredentialMask.mask(text);
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
