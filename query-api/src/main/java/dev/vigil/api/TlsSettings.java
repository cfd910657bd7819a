package dev.vigil.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Collections;

/**
 * HTTPS for the API: a PKCS#12 (or JKS) keystore holding the server's key and certificate chain.
 *
 * @param keystore the keystore file
 * @param password its password (also the key's)
 */
public record TlsSettings(Path keystore, String password) {

    /**
     * Checks that the keystore exists, opens with the password and holds a private key; throws
     * {@link IllegalArgumentException} saying which of these is wrong.
     */
    public TlsSettings validate() {
        if (keystore == null) {
            throw new IllegalArgumentException("TLS is on but no keystore path is set (api.tls.keystore)");
        }
        if (password == null) {
            throw new IllegalArgumentException("TLS keystore " + keystore + " has no password set (api.tls.password)");
        }
        if (!Files.isRegularFile(keystore)) {
            throw new IllegalArgumentException("TLS keystore " + keystore.toAbsolutePath() + " does not exist or is not a file");
        }
        KeyStore store = null;
        String lastProblem = null;
        for (String type : new String[]{"PKCS12", "JKS"}) {
            try (InputStream in = Files.newInputStream(keystore)) {
                KeyStore ks = KeyStore.getInstance(type);
                ks.load(in, password.toCharArray());
                store = ks;
                break;
            } catch (IOException | GeneralSecurityException e) {
                lastProblem = e.getMessage();
            }
        }
        if (store == null) {
            throw new IllegalArgumentException("TLS keystore " + keystore + " cannot be opened (wrong password, or not a"
                    + " PKCS#12/JKS file): " + lastProblem);
        }
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    return this;
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("TLS keystore " + keystore + " cannot be read: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("TLS keystore " + keystore + " holds no private key (only certificates)");
    }

    @Override
    public String toString() {
        return "TlsSettings[" + keystore + ", password ***]";
    }
}
