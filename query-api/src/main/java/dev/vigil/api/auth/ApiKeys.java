package dev.vigil.api.auth;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.api.cameras.CompactedTopic;
import dev.vigil.schema.Topics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The API keys of this installation, kept on the compacted topic {@code vigil.api-keys} (one record per key, by
 * id; a revoked key is a tombstone) and holding only SHA-256 hashes. Every API instance follows the whole topic,
 * so a key created or revoked on one instance works, or stops working, on all of them within moments, with no
 * restart and no shared file. Keys are 32 random bytes, so a plain (unsalted, fast) hash is enough: there is
 * nothing to guess. The comparison of the hashes is in constant time.
 */
public final class ApiKeys implements AutoCloseable {
    static final String PREFIX = "vgl_";
    private static final Duration CATCH_UP = Duration.ofSeconds(60);

    private final CompactedTopic<ApiKey> store;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param store {@code vigil.api-keys} as a map by key id, already started
     */
    public ApiKeys(CompactedTopic<ApiKey> store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Follows {@code vigil.api-keys} (the topic must exist: {@code Topics.ensure}) and returns once every key on
     * it has been read, so that {@link #isEmpty} is the truth and not a view still loading.
     */
    public static ApiKeys connect(Map<String, Object> clientConfig, Clock clock) {
        ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        CompactedTopic<ApiKey> store = new CompactedTopic<>(clientConfig, Topics.API_KEYS, bytes -> decode(json, bytes),
                CompactedTopic.producing(clientConfig, Topics.API_KEYS, key -> encode(json, key))).start();
        store.awaitCaughtUp(CATCH_UP);
        return new ApiKeys(store, clock);
    }

    /** Creates a key with every scope over every camera, never expiring; the plaintext is returned this once only. */
    public IssuedKey generateAdmin(String name) {
        return create(name, Set.of(Scope.READ, Scope.ASK, Scope.ADMIN), List.of(ApiKey.ALL_CAMERAS), Map.of(),
                Optional.empty());
    }

    /**
     * Creates and stores a key; the plaintext is returned this once only.
     *
     * @param expiresAt when the key stops working; empty = never
     */
    public IssuedKey create(String name, Set<Scope> scopes, List<String> cameras, Map<String, String> labels,
                            Optional<Instant> expiresAt) {
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("a key needs at least one scope");
        }
        if (cameras.isEmpty() && labels.isEmpty()) {
            throw new IllegalArgumentException("a key needs cameras (or \"*\") or labels it may see");
        }
        byte[] idBytes = new byte[6];
        byte[] secret = new byte[32];
        random.nextBytes(idBytes);
        random.nextBytes(secret);
        String id = HexFormat.of().formatHex(idBytes);
        String plaintext = PREFIX + id + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        ApiKey key = new ApiKey(id, name, sha256(plaintext), scopes, cameras, labels, clock.millis(),
                expiresAt.map(Instant::toEpochMilli).orElse(null));
        store.put(id, key);
        return new IssuedKey(plaintext, key);
    }

    /**
     * The stored key whose plaintext this is, if any, expired or not ({@link ApiKey#expired} tells; the caller
     * says which it was). The id inside the plaintext finds the record; the hash decides.
     */
    public Optional<ApiKey> find(String plaintext) {
        if (plaintext == null || !plaintext.startsWith(PREFIX) || plaintext.length() > 200) {
            return Optional.empty();
        }
        int end = plaintext.indexOf('_', PREFIX.length());
        if (end < 0) {
            return Optional.empty();
        }
        Optional<ApiKey> key = store.get(plaintext.substring(PREFIX.length(), end));
        byte[] presented = sha256(plaintext).getBytes(StandardCharsets.US_ASCII);
        return key.filter(k -> MessageDigest.isEqual(k.sha256().getBytes(StandardCharsets.US_ASCII), presented));
    }

    /** The key whose plaintext this is, if it exists and has not expired. */
    public Optional<ApiKey> authenticate(String plaintext) {
        return find(plaintext).filter(k -> !k.expired(clock.instant()));
    }

    /** Every stored key (hashes, never secrets), oldest first. */
    public List<ApiKey> all() {
        return store.all().values().stream().sorted(Comparator.comparingLong(ApiKey::createdAt)
                .thenComparing(ApiKey::id)).toList();
    }

    /** The stored key with this public id. */
    public Optional<ApiKey> get(String id) {
        return store.get(id);
    }

    /** Whether any key exists (a fresh installation has none until the first admin key is generated). */
    public boolean isEmpty() {
        return store.all().isEmpty();
    }

    /** Removes a key by its public id (a tombstone every instance reads); true when one was removed. */
    public boolean revoke(String id) {
        if (store.get(id).isEmpty()) {
            return false;
        }
        store.delete(id);
        return true;
    }

    /**
     * Moves the keys of an older installation, which kept them in a JSON file under the data folder, onto the
     * topic, and renames the file ({@code .imported}) so that a revoked key cannot come back from it.
     *
     * @return how many keys were imported
     */
    public int importFile(Path file) {
        if (!Files.isRegularFile(file)) {
            return 0;
        }
        try {
            ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
            List<ApiKey> stored = json.readValue(file.toFile(), new TypeReference<List<ApiKey>>() {
            });
            int imported = 0;
            for (ApiKey k : stored) {
                if (store.get(k.id()).isEmpty()) {
                    store.put(k.id(), k);
                    imported++;
                }
            }
            Files.move(file, file.resolveSibling(file.getFileName() + ".imported"));
            return imported;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot import API keys from " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        store.close();
    }

    static String sha256(String plaintext) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(plaintext.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static ApiKey decode(ObjectMapper json, byte[] bytes) {
        try {
            return json.readValue(bytes, ApiKey.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("not an API key record: " + e.getMessage(), e);
        }
    }

    private static byte[] encode(ObjectMapper json, ApiKey key) {
        try {
            return json.writeValueAsBytes(key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
