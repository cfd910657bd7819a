package dev.vigil.schema.registry;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Where the schema registry is and how to talk to it.
 *
 * @param url            base URL of the Confluent-compatible API, e.g. {@code http://127.0.0.1:8081} for Confluent
 *                       or {@code http://127.0.0.1:8081/apis/ccompat/v7} for Apicurio
 * @param authorization  a complete {@code Authorization} header value ({@code Basic …} or {@code Bearer …}), if any
 * @param connectTimeout how long to wait for a TCP connection
 * @param requestTimeout how long to wait for one response
 */
public record RegistrySettings(URI url, Optional<String> authorization, Duration connectTimeout, Duration requestTimeout) {
    public RegistrySettings {
        if (url.getScheme() == null || !(url.getScheme().equals("http") || url.getScheme().equals("https"))) {
            throw new IllegalArgumentException("schema registry URL must be http:// or https://, got " + url);
        }
        String s = url.toString();
        if (s.endsWith("/")) {
            url = URI.create(s.substring(0, s.length() - 1));
        }
    }

    /** Settings with sane timeouts and no authentication. */
    public static RegistrySettings of(String url) {
        return new RegistrySettings(URI.create(url), Optional.empty(), Duration.ofSeconds(5), Duration.ofSeconds(15));
    }

    /** The same settings with basic authentication ({@code user:password}, as Confluent's client takes it). */
    public RegistrySettings withBasicAuth(String userInfo) {
        String token = java.util.Base64.getEncoder().encodeToString(userInfo.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return new RegistrySettings(url, Optional.of("Basic " + token), connectTimeout, requestTimeout);
    }

    /** The URL with any user info removed, for messages and logs. */
    public String redactedUrl() {
        return url.getUserInfo() == null ? url.toString() : url.toString().replace(url.getRawUserInfo() + "@", "***@");
    }
}
