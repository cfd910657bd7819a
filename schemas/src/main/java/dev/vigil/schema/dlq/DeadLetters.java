package dev.vigil.schema.dlq;

import dev.vigil.schema.DeadLetter;
import dev.vigil.schema.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serializer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;

/**
 * Builds the {@code vigil.dlq} record for a record a service gave up on.
 *
 * <p>The value is an Avro {@link DeadLetter} (original bytes, reason, where it came from); the reason and
 * source are repeated as headers so that a plain console consumer shows them without a schema. The caller
 * sends the record with its own producer, inside its own transaction where it has one, so that the dead
 * letter and the input offset commit together.
 */
public final class DeadLetters {
    public static final String HEADER_REASON = "vigil.dlq.reason";
    public static final String HEADER_SOURCE = "vigil.dlq.source";
    public static final String HEADER_SERVICE = "vigil.dlq.service";
    public static final String HEADER_ERROR = "vigil.dlq.error";
    /** Original values larger than this are cut, so a dead letter always fits the DLQ topic. */
    public static final int VALUE_LIMIT = 8 << 20;

    private final Serializer<DeadLetter> serializer;
    private final String service;
    private final Clock clock;

    public DeadLetters(Serializer<DeadLetter> serializer, String service, Clock clock) {
        this.serializer = serializer;
        this.service = service;
        this.clock = clock;
    }

    /** The dead letter of a consumed record. */
    public ProducerRecord<byte[], byte[]> of(ConsumerRecord<byte[], byte[]> source, String reason, Throwable error) {
        return of(source.topic(), source.partition(), source.offset(), source.key(), source.value(), reason, error);
    }

    /** The dead letter of a record identified by its coordinates (for Kafka Streams handlers). */
    public ProducerRecord<byte[], byte[]> of(String topic, int partition, long offset, byte[] key, byte[] value,
                                             String reason, Throwable error) {
        boolean truncated = value != null && value.length > VALUE_LIMIT;
        DeadLetter letter = DeadLetter.newBuilder()
                .setSourceTopic(topic)
                .setSourcePartition(partition)
                .setSourceOffset(offset)
                .setKey(key == null ? null : ByteBuffer.wrap(key))
                .setValue(value == null ? null : ByteBuffer.wrap(truncated ? Arrays.copyOf(value, VALUE_LIMIT) : value))
                .setValueTruncated(truncated)
                .setReason(reason)
                .setErrorClass(error == null ? null : error.getClass().getName())
                .setService(service)
                .setTime(clock.instant())
                .build();
        RecordHeaders headers = new RecordHeaders();
        headers.add(HEADER_REASON, utf8(reason));
        headers.add(HEADER_SOURCE, utf8(topic + "/" + partition + "@" + offset));
        headers.add(HEADER_SERVICE, utf8(service));
        if (error != null) {
            headers.add(HEADER_ERROR, utf8(error.getClass().getName()));
        }
        return new ProducerRecord<>(Topics.DLQ, null, key, serializer.serialize(Topics.DLQ, letter), headers);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
