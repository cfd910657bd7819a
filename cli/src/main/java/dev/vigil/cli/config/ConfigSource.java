package dev.vigil.cli.config;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Raw configuration values by dotted key ({@code api.port}), from lowest to highest precedence: a properties
 * file, then environment variables with the {@code VIGIL_} prefix ({@code VIGIL_API_PORT}), then command-line
 * flags. Typed records such as {@link UpConfig} read from it and say, on a bad value, which key and which
 * variable to fix.
 */
public final class ConfigSource {
    private final Map<String, String> values;
    private final Map<String, String> origins;

    private ConfigSource(Map<String, String> values, Map<String, String> origins) {
        this.values = Map.copyOf(values);
        this.origins = Map.copyOf(origins);
    }

    /**
     * @param file optional properties file; a named file that does not exist is an error
     * @param env  the environment (pass {@code System.getenv()})
     */
    public static ConfigSource load(Optional<Path> file, Map<String, String> env) {
        Map<String, String> values = new HashMap<>();
        Map<String, String> origins = new HashMap<>();
        file.ifPresent(path -> {
            if (!Files.isRegularFile(path)) {
                throw new ConfigException("configuration file " + path + " does not exist");
            }
            Properties p = new Properties();
            try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("could not read configuration file " + path + ": " + e.getMessage(), e);
            }
            p.stringPropertyNames().forEach(k -> {
                values.put(k, p.getProperty(k).trim());
                origins.put(k, path + ": " + k);
            });
        });
        env.forEach((name, value) -> {
            if (name.startsWith("VIGIL_") && name.length() > 6) {
                String key = name.substring(6).toLowerCase(Locale.ROOT).replace('_', '.');
                values.put(key, value.trim());
                origins.put(key, "environment variable " + name);
            }
        });
        return new ConfigSource(values, origins);
    }

    /** This source with command-line values on top (null values are ignored: the flag was not given). */
    public ConfigSource withFlags(Map<String, String> flags) {
        Map<String, String> v = new HashMap<>(values);
        Map<String, String> o = new HashMap<>(origins);
        flags.forEach((k, value) -> {
            if (value != null) {
                v.put(k, value);
                o.put(k, "command-line flag for " + k);
            }
        });
        return new ConfigSource(v, o);
    }

    public String string(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    public int integer(String key, int fallback, int min, int max) {
        String raw = values.get(key);
        if (raw == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw);
            if (value < min || value > max) {
                throw new ConfigException(describe(key) + " must be between " + min + " and " + max + ", got " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ConfigException(describe(key) + " must be a whole number, got '" + raw + "'");
        }
    }

    /** {@code true} or {@code false} (any case); anything else names the key and what it accepts. */
    public boolean bool(String key, boolean fallback) {
        String raw = values.get(key);
        if (raw == null) {
            return fallback;
        }
        if (raw.equalsIgnoreCase("true") || raw.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(raw);
        }
        throw new ConfigException(describe(key) + " must be true or false, got '" + raw + "'");
    }

    /** Where a key's value came from, or how to set it, for error messages. */
    public String describe(String key) {
        String origin = origins.get(key);
        String env = "VIGIL_" + key.toUpperCase(Locale.ROOT).replace('.', '_');
        return origin != null ? key + " (from " + origin + ")" : key + " (set it with " + env + ")";
    }
}
