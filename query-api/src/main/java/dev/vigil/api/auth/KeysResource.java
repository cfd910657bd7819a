package dev.vigil.api.auth;

import dev.vigil.api.ApiException;
import dev.vigil.api.CameraIds;
import dev.vigil.api.JsonBody;
import dev.vigil.api.TimeWindow;
import dev.vigil.schema.DurationText;
import io.javalin.http.Context;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /v1/keys} (admin scope): create, list and revoke API keys. A key never grants more than the key that
 * creates it: no scope it lacks, no camera or label it may not see, no later expiry. An admin key scoped to some
 * cameras sees, and may revoke, only keys whose sight lies within its own.
 */
public final class KeysResource {
    private static final int MAX_NAME = 100;

    private final ApiKeys keys;
    private final JsonBody body;
    private final Clock clock;

    public KeysResource(ApiKeys keys, JsonBody body, Clock clock) {
        this.keys = keys;
        this.body = body;
        this.clock = clock;
    }

    /** {@code POST /v1/keys}: 201 with the new key's bearer token, shown this once. */
    public void create(Context ctx) {
        Access access = Authentication.of(ctx);
        ApiKey creator = access.key();
        KeyRequest r = body.read(ctx, KeyRequest.class);
        if (r.name() == null || r.name().isBlank() || r.name().length() > MAX_NAME) {
            throw ApiException.badRequest("name must be 1.." + MAX_NAME + " characters: what the key is for");
        }
        if (r.scopes() == null || r.scopes().isEmpty()) {
            throw ApiException.badRequest("scopes must list at least one of read, ask, admin");
        }
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String label : r.scopes()) {
            Scope scope = ApiException.orBadRequest(() -> Scope.of(label));
            if (!creator.scopes().contains(scope)) {
                throw ApiException.forbidden("this API key (" + creator.id() + ") lacks the '" + scope.label()
                        + "' scope, so it cannot give it to another key");
            }
            scopes.add(scope);
        }
        List<String> cameras = cameras(r, access);
        Map<String, String> labels = r.labels() == null ? Map.of() : r.labels();
        if (labels.size() > 32 || labels.entrySet().stream().anyMatch(e -> e.getKey().length() > 64
                || e.getValue() == null || e.getValue().length() > 256)) {
            throw ApiException.badRequest("labels: at most 32, keys up to 64 and values up to 256 characters");
        }
        labels.forEach((k, v) -> {
            if (!creator.allCameras() && !v.equals(creator.labels().get(k))) {
                throw ApiException.forbidden("this API key (" + creator.id() + ") may not grant the label " + k + "="
                        + ApiException.echo(v) + ": only labels it has itself, unless it sees every camera");
            }
        });
        if (cameras.isEmpty() && labels.isEmpty()) {
            throw ApiException.badRequest("a key needs cameras (ids, or \"*\") or labels it may see");
        }
        Optional<Instant> expiresAt = expiry(r, creator);
        IssuedKey issued = keys.create(r.name().strip(), scopes, cameras, labels, expiresAt);
        ctx.status(201).json(KeyView.issued(issued, clock.instant()));
    }

    /** {@code GET /v1/keys}: the keys within the caller's sight, without secrets. */
    public void list(Context ctx) {
        Access access = Authentication.of(ctx);
        Instant now = clock.instant();
        ctx.json(Map.of("keys", keys.all().stream().filter(k -> within(k, access)).map(k -> KeyView.of(k, now)).toList()));
    }

    /** {@code DELETE /v1/keys/{id}}: revokes the key on every API instance. */
    public void revoke(Context ctx) {
        Access access = Authentication.of(ctx);
        String id = ctx.pathParam("id");
        ApiKey key = keys.get(id).filter(k -> within(k, access))
                .orElseThrow(() -> ApiException.notFound("unknown key", "there is no key '" + ApiException.echo(id) + "'"));
        keys.revoke(key.id());
        ctx.status(204);
    }

    private static List<String> cameras(KeyRequest r, Access access) {
        if (r.cameras() == null || r.cameras().isNull()) {
            return List.of();
        }
        if (r.cameras().isTextual() && r.cameras().asText().equals(ApiKey.ALL_CAMERAS)) {
            if (!access.key().allCameras()) {
                throw ApiException.forbidden("this API key (" + access.key().id() + ") does not see every camera,"
                        + " so it cannot create a key that does");
            }
            return List.of(ApiKey.ALL_CAMERAS);
        }
        if (!r.cameras().isArray() || r.cameras().size() > 256) {
            throw ApiException.badRequest("cameras must be \"*\" or an array of up to 256 camera ids");
        }
        List<String> ids = new ArrayList<>();
        r.cameras().forEach(n -> {
            if (!n.isTextual()) {
                throw ApiException.badRequest("cameras must be \"*\" or an array of camera id strings");
            }
            String id = CameraIds.check(n.asText());
            if (!access.canSee(id)) {
                throw ApiException.forbidden("this API key (" + access.key().id() + ") may not see camera '" + id
                        + "', so it cannot give a key sight of it");
            }
            ids.add(id);
        });
        return List.copyOf(ids);
    }

    private Optional<Instant> expiry(KeyRequest r, ApiKey creator) {
        String at = TimeWindow.text("expiresAt", r.expiresAt());
        if (at != null && r.expiresIn() != null) {
            throw ApiException.badRequest("give expiresAt or expiresIn, not both");
        }
        Instant now = clock.instant();
        Optional<Instant> expires = Optional.empty();
        if (at != null) {
            expires = Optional.of(Instant.ofEpochMilli(TimeWindow.instant("expiresAt", at)));
        } else if (r.expiresIn() != null) {
            try {
                expires = Optional.of(now.plus(ApiException.orBadRequest(() -> DurationText.parse("expiresIn", r.expiresIn()))));
            } catch (ArithmeticException | java.time.DateTimeException e) {
                throw ApiException.badRequest("expiresIn is too long: '" + ApiException.echo(r.expiresIn()) + "'");
            }
        }
        if (expires.isPresent() && !expires.get().isAfter(now)) {
            throw ApiException.badRequest("the key would expire at " + expires.get() + ", which is not in the future");
        }
        if (creator.expiresAt() != null) {
            Instant limit = Instant.ofEpochMilli(creator.expiresAt());
            if (expires.isEmpty() || expires.get().isAfter(limit)) {
                throw ApiException.forbidden("this API key (" + creator.id() + ") expires at " + limit
                        + "; a key it creates must expire by then (set expiresAt or expiresIn)");
            }
        }
        return expires;
    }

    /** Whether {@code k} sees nothing the caller does not: the keys a scoped admin may list and revoke. */
    private static boolean within(ApiKey k, Access access) {
        ApiKey caller = access.key();
        if (caller.allCameras()) {
            return true;
        }
        return !k.allCameras() && k.cameras().stream().allMatch(access::canSee)
                && k.labels().entrySet().stream().allMatch(e -> e.getValue().equals(caller.labels().get(e.getKey())));
    }
}
