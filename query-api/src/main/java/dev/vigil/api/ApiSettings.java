package dev.vigil.api;

import java.util.Optional;

/**
 * How the API listens and what it accepts.
 *
 * @param host                the address to bind, e.g. {@code 127.0.0.1}
 * @param port                the port (0 = any free port)
 * @param tls                 HTTPS settings; empty = plain HTTP
 * @param maxBodyBytes        the largest request body accepted (413 above it)
 * @param maxQuestion         the longest question accepted, in characters
 * @param defaultBudget       visual tokens an answer may use when the request does not say
 * @param maxWatches          standing questions of the installation, all keys together (409 above it)
 * @param maxWatchesPerKey    standing questions one key may have created (409 above it), so that one key cannot
 *                            take all of {@code maxWatches}
 * @param publicCameraMetrics whether {@code /metrics} shows per-camera series (label {@code camera}) to anyone;
 *                            when false they are shown only to a key, and only for the cameras it may see
 */
public record ApiSettings(String host, int port, Optional<TlsSettings> tls, long maxBodyBytes, int maxQuestion,
                          int defaultBudget, int maxWatches, int maxWatchesPerKey, boolean publicCameraMetrics) {
    /** The installation-wide cap on standing questions unless configured otherwise. */
    public static final int DEFAULT_MAX_WATCHES = 1_000;
    /** The per-key cap on standing questions unless configured otherwise. */
    public static final int DEFAULT_MAX_WATCHES_PER_KEY = 100;

    public ApiSettings {
        tls.ifPresent(TlsSettings::validate);
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException("max body bytes must be >= 1024, got " + maxBodyBytes);
        }
        if (maxWatches < 1 || maxWatchesPerKey < 1 || maxWatchesPerKey > maxWatches) {
            throw new IllegalArgumentException("watches per key must be 1.." + maxWatches + " (the installation's cap), got "
                    + maxWatchesPerKey);
        }
    }

    /**
     * Loopback, plain HTTP, 64 KiB bodies, 2,000-character questions, 1024-token answers, 1,000 watches (100 per
     * key), per-camera metrics for keys only.
     */
    public static ApiSettings local(int port) {
        return new ApiSettings("127.0.0.1", port, Optional.empty(), 64 * 1024, 2_000, 1024, DEFAULT_MAX_WATCHES,
                DEFAULT_MAX_WATCHES_PER_KEY, false);
    }

    /** These settings with another per-key watch cap. */
    public ApiSettings withMaxWatchesPerKey(int perKey) {
        return new ApiSettings(host, port, tls, maxBodyBytes, maxQuestion, defaultBudget, maxWatches, perKey,
                publicCameraMetrics);
    }

    /** These settings with per-camera metrics public or not. */
    public ApiSettings withPublicCameraMetrics(boolean isPublic) {
        return new ApiSettings(host, port, tls, maxBodyBytes, maxQuestion, defaultBudget, maxWatches, maxWatchesPerKey,
                isPublic);
    }

    public String scheme() {
        return tls.isPresent() ? "https" : "http";
    }
}
