package dev.vigil.topologies;

import dev.vigil.schema.dlq.DeadLetters;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import java.nio.charset.StandardCharsets;

/**
 * Sends a record a processor gave up on to the topology's dead-letter sink, so the dead letter commits in the
 * same exactly-once transaction as the processor's other output.
 */
public final class DeadLetterForwarding {
    private final DeadLetters deadLetters;
    private final String sourceTopic;
    private final String sinkName;

    public DeadLetterForwarding(DeadLetters deadLetters, String sourceTopic, String sinkName) {
        this.deadLetters = deadLetters;
        this.sourceTopic = sourceTopic;
        this.sinkName = sinkName;
    }

    public <V> void forward(ProcessorContext<String, Object> context, Record<String, V> record, byte[] value,
                            String reason, Throwable error) {
        var meta = context.recordMetadata();
        ProducerRecord<byte[], byte[]> letter = deadLetters.of(meta.map(m -> m.topic()).orElse(sourceTopic),
                meta.map(m -> m.partition()).orElse(-1), meta.map(m -> m.offset()).orElse(-1L),
                record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8), value, reason, error);
        context.forward(new Record<String, Object>(record.key(), letter.value(), record.timestamp(), letter.headers()), sinkName);
    }
}
