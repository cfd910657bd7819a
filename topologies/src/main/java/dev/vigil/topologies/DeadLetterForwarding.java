package dev.vigil.topologies;

import dev.vigil.schema.dlq.DeadLetters;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import java.nio.charset.StandardCharsets;

/**
 * Sends a record a processor gave up on to the topology's dead-letter sink, so the dead letter commits in the
 * same exactly-once transaction as the processor's other output. Dead letters are stamped with the wall clock,
 * never with the record's own time: that time may be what was wrong with it (a frame from the future), and the
 * broker would refuse the dead letter too.
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

    /** Dead-letters the record being processed, with its source coordinates. */
    public <V> void forward(ProcessorContext<String, Object> context, Record<String, V> record, byte[] value,
                            String reason, Throwable error) {
        var meta = context.recordMetadata();
        send(context, record.key(), value, meta.map(m -> m.topic()).orElse(sourceTopic),
                meta.map(m -> m.partition()).orElse(-1), meta.map(m -> m.offset()).orElse(-1L), reason, error);
    }

    /**
     * Dead-letters a record the processor held in a store (a frame of a clip being closed): its offset is no
     * longer known, so the letter names the source topic and the task's partition and offset -1; the reason
     * says which record it was.
     */
    public void forwardHeld(ProcessorContext<String, Object> context, String key, byte[] value, String reason) {
        send(context, key, value, sourceTopic, context.taskId().partition(), -1L, reason, null);
    }

    private void send(ProcessorContext<String, Object> context, String key, byte[] value, String topic, int partition,
                      long offset, String reason, Throwable error) {
        ProducerRecord<byte[], byte[]> letter = deadLetters.of(topic, partition, offset,
                key == null ? null : key.getBytes(StandardCharsets.UTF_8), value, reason, error);
        context.forward(new Record<String, Object>(key, letter.value(), context.currentSystemTimeMs(), letter.headers()),
                sinkName);
    }
}
