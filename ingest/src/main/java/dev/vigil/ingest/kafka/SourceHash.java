package dev.vigil.ingest.kafka;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import dev.vigil.ingest.RedactedUrl;

/**
 * A short, stable fingerprint of where a camera's frames come from, for the {@code vigil.source} header:
 * consumers can tell that a camera's URL changed without ever seeing the URL. It hashes the redacted form,
 * so two URLs differing only in their password look the same, and nothing about the secret leaks.
 *
 * @param hex the first 16 hex digits (64 bits) of the SHA-256 of the redacted URL
 */
public record SourceHash(String hex) {

    /** The fingerprint of {@code url}. */
    public static SourceHash of(RedactedUrl url) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(url.toString().getBytes(StandardCharsets.UTF_8));
            return new SourceHash(HexFormat.of().formatHex(digest, 0, 8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The header value: the hex digits in UTF-8. */
    public byte[] bytes() {
        return hex.getBytes(StandardCharsets.UTF_8);
    }
}
