package dev.vigil.schema.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A record's bytes are not a Confluent-wire Avro record vigil can read: wrong magic byte, too short, an
 * unknown schema id, or Avro data that does not decode with the writer schema.
 *
 * <p>This is a property of the record, not of the system: callers route such records to {@code vigil.dlq}
 * with {@link #getMessage()} as the reason and move on. (A registry that does not answer is a
 * {@link dev.vigil.schema.registry.RegistryException} instead: retry, do not dead-letter.)
 */
public class WireFormatException extends SerializationException {
    private final String topic;

    public WireFormatException(String topic, String message, Throwable cause) {
        super(message, cause);
        this.topic = topic;
    }

    /** The topic the bad record came from. */
    public String topic() {
        return topic;
    }
}
