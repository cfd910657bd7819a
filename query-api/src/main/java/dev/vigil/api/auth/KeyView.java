package dev.vigil.api.auth;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A key as {@code /v1/keys} shows it: never its secret or its hash. {@code key} (the bearer token itself) is
 * set only in the answer to the request that created it.
 *
 * @param prefix what the key's text starts with, {@code vgl_<id>_}, to recognise it
 */
public record KeyView(String id, String prefix, String name, List<String> scopes, List<String> cameras,
                      Map<String, String> labels, String createdAt, String expiresAt, boolean expired, String key) {
    static KeyView of(ApiKey k, Instant now) {
        return new KeyView(k.id(), k.prefix(), k.name(), k.scopes().stream().map(Scope::label).sorted().toList(),
                k.cameras(), k.labels(), Instant.ofEpochMilli(k.createdAt()).toString(),
                k.expiresAt() == null ? null : Instant.ofEpochMilli(k.expiresAt()).toString(), k.expired(now), null);
    }

    /** The view of a key just created, with its bearer token: shown this once. */
    static KeyView issued(IssuedKey issued, Instant now) {
        KeyView v = of(issued.key(), now);
        return new KeyView(v.id, v.prefix, v.name, v.scopes, v.cameras, v.labels, v.createdAt, v.expiresAt, v.expired,
                issued.plaintext());
    }
}
