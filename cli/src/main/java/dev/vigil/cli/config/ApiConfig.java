package dev.vigil.cli.config;

import dev.vigil.api.ApiSettings;
import dev.vigil.api.TlsSettings;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * How the API of {@code vigil up} or {@code vigil api} listens.
 *
 * @param bind          the address the server binds ({@code api.bind}; 127.0.0.1 by default, {@code 0.0.0.0} in a
 *                      container so a published port reaches it)
 * @param advertised    the address other instances reach this one at, for forwarding ({@code api.host}); defaults
 *                      to {@code bind}, or 127.0.0.1 when that is a wildcard
 * @param port          the port ({@code api.port}, 8080)
 * @param tls           HTTPS from a PKCS#12 or JKS keystore ({@code api.tls.keystore}, {@code api.tls.password})
 * @param instanceToken the secret API instances present to each other when forwarding ({@code api.instance.token});
 *                      every instance of a deployment needs the same one
 * @param maxWatches    standing questions of the installation ({@code api.watches.max}, 1000)
 * @param watchesPerKey standing questions one key may create ({@code api.watches.per.key}, 100; at most
 *                      {@code api.watches.max})
 * @param publicCameraMetrics whether {@code /metrics} shows per-camera series to callers without a key
 *                      ({@code api.metrics.cameras.public}, false)
 */
public record ApiConfig(String bind, String advertised, int port, Optional<TlsSettings> tls,
                        Optional<String> instanceToken, int maxWatches, int watchesPerKey, boolean publicCameraMetrics) {
    private static final Set<String> WILDCARDS = Set.of("0.0.0.0", "::", "[::]");

    /** Reads and validates the {@code api.*} keys; a bad value names its key and where it came from. */
    public static ApiConfig from(ConfigSource source) {
        String bind = source.string("api.bind", "127.0.0.1");
        if (bind.isBlank()) {
            throw new ConfigException(source.describe("api.bind") + " is empty; use an address such as 127.0.0.1 or 0.0.0.0");
        }
        String advertised = source.string("api.host", WILDCARDS.contains(bind) ? "127.0.0.1" : bind);
        int port = source.integer("api.port", 8080, 1, 65535);
        Optional<TlsSettings> tls = Optional.empty();
        String keystore = source.string("api.tls.keystore", null);
        if (keystore != null) {
            try {
                tls = Optional.of(new TlsSettings(Path.of(keystore), source.string("api.tls.password", null)).validate());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(source.describe("api.tls.keystore") + ": " + e.getMessage());
            }
        } else if (source.string("api.tls.password", null) != null) {
            throw new ConfigException(source.describe("api.tls.password") + " is set but no keystore is: set "
                    + source.describe("api.tls.keystore") + " too");
        }
        String token = source.string("api.instance.token", null);
        if (token != null && token.isBlank()) {
            throw new ConfigException(source.describe("api.instance.token") + " is empty");
        }
        int maxWatches = source.integer("api.watches.max", ApiSettings.DEFAULT_MAX_WATCHES, 1, 100_000);
        int perKey = source.integer("api.watches.per.key", Math.min(ApiSettings.DEFAULT_MAX_WATCHES_PER_KEY, maxWatches), 1,
                100_000);
        if (perKey > maxWatches) {
            throw new ConfigException(source.describe("api.watches.per.key") + " is " + perKey + ", more than "
                    + source.describe("api.watches.max") + " (" + maxWatches + "); lower it or raise the installation's cap");
        }
        boolean publicCameraMetrics = source.bool("api.metrics.cameras.public", false);
        return new ApiConfig(bind, advertised, port, tls, Optional.ofNullable(token), maxWatches, perKey,
                publicCameraMetrics);
    }

    /** The server's settings: this address, port and TLS, the watch caps and metrics exposure, default limits else. */
    public ApiSettings settings() {
        ApiSettings defaults = ApiSettings.local(port);
        return new ApiSettings(bind, port, tls, defaults.maxBodyBytes(), defaults.maxQuestion(), defaults.defaultBudget(),
                maxWatches, watchesPerKey, publicCameraMetrics);
    }

    /** The URL a person on this machine opens. */
    public String localUrl() {
        return (tls.isPresent() ? "https" : "http") + "://" + (WILDCARDS.contains(bind) ? "127.0.0.1" : bind) + ":" + port;
    }
}
