package dev.vigil.cli.config;

/** A configuration value is missing or wrong; the message says which key and how to fix it. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
