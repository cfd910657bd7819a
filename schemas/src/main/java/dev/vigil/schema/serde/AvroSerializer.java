package dev.vigil.schema.serde;

import dev.vigil.schema.registry.SchemaRegistryClient;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes Avro specific records in the Confluent wire format, registering (or looking up) the schema under
 * the topic's subject the first time a topic is seen. A {@code null} record stays {@code null} (a tombstone).
 */
public final class AvroSerializer<T extends SpecificRecord> implements Serializer<T> {
    private final SchemaRegistryClient registry;
    private final boolean autoRegister;
    private final boolean isKey;
    private final Map<String, Integer> idsBySubject = new ConcurrentHashMap<>();
    private final EncoderFactory encoders = EncoderFactory.get();

    /**
     * @param autoRegister register the schema if the subject lacks it; when false, the schema must already be
     *                     registered (production services that should never change contracts on their own)
     */
    public AvroSerializer(SchemaRegistryClient registry, boolean autoRegister, boolean isKey) {
        this.registry = registry;
        this.autoRegister = autoRegister;
        this.isKey = isKey;
    }

    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        Schema schema = record.getSchema();
        String subject = SubjectNames.of(topic, isKey);
        // One schema per class per subject in practice; key the cache by subject and full name to be safe.
        int id = idsBySubject.computeIfAbsent(subject + "\u0000" + schema.getFullName(),
                k -> autoRegister ? registry.register(subject, schema) : registry.lookup(subject, schema));
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(256);
            ByteBuffer header = ByteBuffer.allocate(WireFormat.HEADER_BYTES);
            WireFormat.writeHeader(header, id);
            out.write(header.array());
            BinaryEncoder encoder = encoders.directBinaryEncoder(out, null);
            new SpecificDatumWriter<T>(schema, SpecificData.getForSchema(schema)).write(record, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("could not write " + schema.getFullName() + " for " + subject
                    + ": " + e.getMessage(), e);
        }
    }
}
