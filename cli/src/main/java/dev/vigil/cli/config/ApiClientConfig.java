package dev.vigil.cli.config;

import java.net.URI;
import java.util.Optional;

/**
 * How a command that talks to a running vigil's API ({@code vigil keys …}) reaches it.
 *
 * @param url the API base ({@code api.url}, {@code VIGIL_API_URL}; http://127.0.0.1:8080 by default)
 * @param key the bearer key ({@code api.key}, {@code VIGIL_API_KEY}); a flag would show it in the process list
 */
public record ApiClientConfig(URI url, String key) {

    /** Reads and validates {@code api.url} and {@code api.key}; a bad or missing value names its key. */
    public static ApiClientConfig from(ConfigSource source) {
        String raw = source.string("api.url", "http://127.0.0.1:8080").replaceAll("/+$", "");
        URI url;
        try {
            url = URI.create(raw);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source.describe("api.url") + " is not a URL: '" + raw + "'");
        }
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()) || url.getHost() == null) {
            throw new ConfigException(source.describe("api.url") + " must be an http(s) URL such as"
                    + " http://127.0.0.1:8080, got '" + raw + "'");
        }
        String key = Optional.ofNullable(source.string("api.key", null)).map(String::strip).orElse("");
        if (key.isEmpty()) {
            throw new ConfigException("no API key: set " + source.describe("api.key")
                    + " to an admin key (vigil up prints one at its first start)");
        }
        return new ApiClientConfig(url, key);
    }

    /** The URL of {@code path} under the API base. */
    public URI resolve(String path) {
        return URI.create(url + path);
    }

    @Override
    public String toString() {
        return "ApiClientConfig[url=" + url + ", key=***]"; // never the key, even in a debugger's log line
    }
}
