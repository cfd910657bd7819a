package dev.vigil.api.auth;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The API keys of this installation, in a JSON file under the data dir ({@code api-keys.json}) holding only
 * SHA-256 hashes. Keys are 32 random bytes, so a plain (unsalted, fast) hash is enough: there is nothing to
 * guess. Lookups are by hash; the comparison of the hashes is in constant time.
 */
public final class ApiKeys {
    private static final String PREFIX = "vgl_";

    private final Path file;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Map<String, ApiKey> bySha = new ConcurrentHashMap<>();

    /** Loads the keys in {@code file} (none if it does not exist yet). */
    public ApiKeys(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
        if (Files.exists(file)) {
            try {
                List<ApiKey> stored = json.readValue(file.toFile(), new TypeReference<List<ApiKey>>() {
                });
                stored.forEach(k -> bySha.put(k.sha256(), k));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read API keys from " + file + ": " + e.getMessage(), e);
            }
        }
    }

    /** Creates a key with every scope over every camera; the plaintext is returned this once only. */
    public IssuedKey generateAdmin(String name) {
        return create(name, Set.of(Scope.READ, Scope.ASK, Scope.ADMIN), List.of(ApiKey.ALL_CAMERAS), Map.of());
    }

    /** Creates and stores a key; the plaintext is returned this once only. */
    public synchronized IssuedKey create(String name, Set<Scope> scopes, List<String> cameras, Map<String, String> labels) {
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
        ApiKey key = new ApiKey(id, name, sha256(plaintext), scopes, cameras, labels, clock.millis());
        bySha.put(key.sha256(), key);
        save();
        return new IssuedKey(plaintext, key);
    }

    /** The key whose plaintext this is, if any. */
    public Optional<ApiKey> authenticate(String plaintext) {
        if (plaintext == null || !plaintext.startsWith(PREFIX) || plaintext.length() > 200) {
            return Optional.empty();
        }
        String sha = sha256(plaintext);
        ApiKey key = bySha.get(sha);
        // the map lookup already matched; compare again in constant time so timing says nothing about near misses
        if (key == null || !MessageDigest.isEqual(key.sha256().getBytes(StandardCharsets.US_ASCII),
                sha.getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        return Optional.of(key);
    }

    /** Whether any key exists (a fresh installation has none until the first admin key is generated). */
    public boolean isEmpty() {
        return bySha.isEmpty();
    }

    /** Removes a key by its public id; true when one was removed. */
    public synchronized boolean revoke(String id) {
        boolean removed = bySha.values().removeIf(k -> k.id().equals(id));
        if (removed) {
            save();
        }
        return removed;
    }

    private void save() {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            json.writeValue(tmp.toFile(), new ArrayList<>(bySha.values()));
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write API keys to " + file, e);
        }
    }

    static String sha256(String plaintext) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(plaintext.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
