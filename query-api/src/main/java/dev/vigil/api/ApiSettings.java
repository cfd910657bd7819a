package dev.vigil.api;

import java.util.Optional;

/**
 * How the API listens and what it accepts.
 *
 * @param host           the address to bind, e.g. {@code 127.0.0.1}
 * @param port           the port (0 = any free port)
 * @param tls            HTTPS settings; empty = plain HTTP
 * @param maxBodyBytes   the largest request body accepted (413 above it)
 * @param maxQuestion    the longest question accepted, in characters
 * @param defaultBudget  visual tokens an answer may use when the request does not say
 */
public record ApiSettings(String host, int port, Optional<TlsSettings> tls, long maxBodyBytes, int maxQuestion,
                          int defaultBudget) {
    public ApiSettings {
        tls.ifPresent(TlsSettings::validate);
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException("max body bytes must be >= 1024, got " + maxBodyBytes);
        }
    }

    /** Loopback, plain HTTP, 64 KiB bodies, 2,000-character questions, 1024-token answers. */
    public static ApiSettings local(int port) {
        return new ApiSettings("127.0.0.1", port, Optional.empty(), 64 * 1024, 2_000, 1024);
    }

    public String scheme() {
        return tls.isPresent() ? "https" : "http";
    }
}
