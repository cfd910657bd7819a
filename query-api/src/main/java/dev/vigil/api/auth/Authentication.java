package dev.vigil.api.auth;

import dev.vigil.api.ApiException;
import io.javalin.http.Context;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Finds the caller's key: {@code Authorization: Bearer <key>} on every route, and {@code ?key=<key>} on
 * {@code /v1/events} only, because a browser's {@code EventSource} cannot set headers. The query form puts the
 * key into URLs (and so possibly proxy logs); it is accepted nowhere else to keep that exposure small.
 */
public final class Authentication {
    private static final String ATTRIBUTE = "vigil.access";
    public static final String EVENTS_PATH = "/v1/events";

    private final ApiKeys keys;
    private final Function<String, Map<String, String>> labelsOf;
    private final Clock clock;

    /**
     * @param labelsOf the labels of a camera by id (empty for an unknown camera)
     * @param clock    decides whether a key has expired
     */
    public Authentication(ApiKeys keys, Function<String, Map<String, String>> labelsOf, Clock clock) {
        this.keys = keys;
        this.labelsOf = labelsOf;
        this.clock = clock;
    }

    /** A before-handler: authenticates and stores the caller's {@link Access} on the request, or answers 401. */
    public void authenticate(Context ctx) {
        String header = ctx.header("Authorization");
        String presented = null;
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            presented = header.substring(7).trim();
        } else if (ctx.path().equals(EVENTS_PATH)) {
            presented = ctx.queryParam("key");
        }
        if (presented == null || presented.isEmpty()) {
            throw new ApiException(401, "unauthorized", "send an API key as 'Authorization: Bearer <key>'"
                    + " (vigil up prints the first admin key once)");
        }
        ApiKey key = keys.find(presented)
                .orElseThrow(() -> new ApiException(401, "unauthorized", "this API key is not known (revoked or mistyped)"));
        if (key.expired(clock.instant())) {
            throw new ApiException(401, "unauthorized", "this API key (" + key.id() + ") expired at "
                    + Instant.ofEpochMilli(key.expiresAt()) + "; ask an admin for a new one");
        }
        ctx.attribute(ATTRIBUTE, new Access(key, labelsOf));
    }

    /**
     * The caller of a route outside {@code /v1} that works without a key but shows more with one
     * ({@code /metrics}): the Bearer key's access when it is valid, else empty (never a 401).
     */
    public Optional<Access> optional(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return keys.authenticate(header.substring(7).trim()).map(k -> new Access(k, labelsOf));
    }

    /** The caller of an authenticated request. */
    public static Access of(Context ctx) {
        Access access = ctx.attribute(ATTRIBUTE);
        if (access == null) {
            throw new ApiException(401, "unauthorized", "this route needs an API key");
        }
        return access;
    }
}
