package dev.vigil.topologies.watch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The JSON encoding of watches (on {@code vigil.watches}) and alerts (on {@code vigil.alerts}).
 *
 * <p>Why JSON and not Avro: both are small control-plane records read by people, by the dashboard and by
 * any tool that tails a topic ({@code kafka-console-consumer} shows them as they are), and the Avro contracts
 * are owned by {@code schemas/}, which this module does not change. Each record carries {@code version} (alerts)
 * or is a plain record whose unknown fields are ignored, so fields can be added compatibly.
 */
public final class WatchJson {
    private final ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public byte[] watch(Watch watch) {
        return write(watch);
    }

    /** The watch in {@code bytes}; {@link IllegalArgumentException} when they are not one. */
    public Watch watch(byte[] bytes) {
        return read(bytes, Watch.class);
    }

    public byte[] alert(Alert alert) {
        return write(alert);
    }

    /** The alert in {@code bytes}; {@link IllegalArgumentException} when they are not one. */
    public Alert alert(byte[] bytes) {
        return read(bytes, Alert.class);
    }

    private byte[] write(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> T read(byte[] bytes, Class<T> type) {
        try {
            return json.readValue(bytes, type);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a " + type.getSimpleName() + " in JSON: " + e.getMessage(), e);
        }
    }
}
