package dev.vigil.schema.serde;

import dev.vigil.schema.registry.RegistryException;
import dev.vigil.schema.registry.SchemaRegistryClient;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads Confluent-wire Avro records into a specific record class, resolving the writer schema by id so
 * records written with an older compatible schema still read.
 *
 * <p>Bytes that are not a readable record raise {@link WireFormatException} (dead-letter them); a registry
 * that does not answer raises {@link RegistryException} (retry).
 */
public final class AvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {
    private final SchemaRegistryClient registry;
    private final Schema readerSchema;
    private final SpecificData model;
    private final Map<Integer, DatumReader<T>> readers = new ConcurrentHashMap<>();
    private final DecoderFactory decoders = DecoderFactory.get();

    public AvroDeserializer(SchemaRegistryClient registry, Class<T> type) {
        this.registry = registry;
        this.model = SpecificData.getForClass(type);
        this.readerSchema = model.getSchema(type);
    }

    @Override
    public T deserialize(String topic, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        WireFormat wire = WireFormat.parse(topic, bytes);
        DatumReader<T> reader = readers.computeIfAbsent(wire.schemaId(), id -> readerFor(topic, id));
        try {
            return reader.read(null, decoders.binaryDecoder(bytes, wire.bodyOffset(),
                    bytes.length - wire.bodyOffset(), null));
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException | NegativeArraySizeException e) {
            throw new WireFormatException(topic, "record on " + topic + " does not decode as "
                    + readerSchema.getFullName() + " with writer schema id " + wire.schemaId() + ": " + e, e);
        }
    }

    private DatumReader<T> readerFor(String topic, int schemaId) {
        Schema writer;
        try {
            writer = registry.schemaById(schemaId);
        } catch (RegistryException e) {
            if (e.status() == 404) {
                throw new WireFormatException(topic, "record on " + topic + " names schema id " + schemaId
                        + ", which the registry does not know: " + e.getMessage(), e);
            }
            throw e;
        }
        if (!writer.getFullName().equals(readerSchema.getFullName())) {
            throw new WireFormatException(topic, "record on " + topic + " was written as " + writer.getFullName()
                    + " (schema id " + schemaId + "), but " + readerSchema.getFullName() + " was expected", null);
        }
        return new SpecificDatumReader<>(writer, readerSchema, model);
    }
}
