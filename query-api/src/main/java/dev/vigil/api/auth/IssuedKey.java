package dev.vigil.api.auth;

/**
 * A key just created: {@code plaintext} is shown to its owner once and never stored.
 *
 * @param plaintext the bearer token to send, {@code vgl_<id>_<secret>}
 * @param key       what is stored
 */
public record IssuedKey(String plaintext, ApiKey key) {
    @Override
    public String toString() {
        return "IssuedKey[" + key.id() + "]"; // never the secret, even in a debugger's log line
    }
}
