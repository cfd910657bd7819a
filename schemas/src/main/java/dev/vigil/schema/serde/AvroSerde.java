package dev.vigil.schema.serde;

import dev.vigil.schema.registry.SchemaRegistryClient;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** The Confluent-wire Avro {@link Serde} of one vigil record type, for producers, consumers and Kafka Streams. */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {
    private final AvroSerializer<T> serializer;
    private final AvroDeserializer<T> deserializer;

    public AvroSerde(SchemaRegistryClient registry, Class<T> type, boolean autoRegister, boolean isKey) {
        this.serializer = new AvroSerializer<>(registry, autoRegister, isKey);
        this.deserializer = new AvroDeserializer<>(registry, type);
    }

    /** A value serde that registers its schema on first use. */
    public static <T extends SpecificRecord> AvroSerde<T> forValues(SchemaRegistryClient registry, Class<T> type) {
        return new AvroSerde<>(registry, type, true, false);
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }
}
