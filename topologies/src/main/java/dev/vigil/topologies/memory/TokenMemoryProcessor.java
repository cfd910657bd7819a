package dev.vigil.topologies.memory;

import dev.vigil.schema.ClipTokens;
import dev.vigil.schema.TemporalState;
import dev.vigil.schema.serde.AvroDeserializer;
import dev.vigil.state.PutOutcome;
import dev.vigil.state.TokenMemoryStore;
import dev.vigil.schema.registry.RegistryException;
import dev.vigil.topologies.DeadLetterForwarding;
import org.apache.kafka.streams.errors.StreamsException;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Writes {@code vigil.clip-tokens} and {@code vigil.temporal-state} into TokenMemory and ages the camera after
 * each clip. Records that cannot be read or stored become dead letters; the stream goes on.
 */
final class TokenMemoryProcessor implements Processor<String, byte[], String, Object> {
    private final String storeName;
    private final AvroDeserializer<ClipTokens> clips;
    private final AvroDeserializer<TemporalState> states;
    private final DeadLetterForwarding deadLetters;
    private final MeterRegistry metrics;

    private ProcessorContext<String, Object> context;
    private TokenMemoryStore store;

    TokenMemoryProcessor(String storeName, AvroDeserializer<ClipTokens> clips, AvroDeserializer<TemporalState> states,
                 DeadLetterForwarding deadLetters, MeterRegistry metrics) {
        this.storeName = storeName;
        this.clips = clips;
        this.states = states;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        String topic = context.recordMetadata().map(m -> m.topic()).orElse("");
        if (record.value() == null) {
            return; // a tombstone on the compacted state topic: nothing to remember
        }
        try {
            if (topic.equals(dev.vigil.schema.Topics.TEMPORAL_STATE)) {
                store.putTemporalState(states.deserialize(topic, record.value()));
                return;
            }
            ClipTokens clip = clips.deserialize(topic, record.value());
            PutOutcome outcome = store.put(clip);
            io.micrometer.core.instrument.Counter.builder("vigil.memory.puts").tag("outcome", outcome.name())
                    .description("clip tokens offered to TokenMemory, by outcome").register(metrics).increment();
            store.maintain(clip.getCameraId(), clip.getEnd().toEpochMilli());
        } catch (RegistryException | StreamsException e) {
            throw e; // the registry or the store failed, not the record: the thread is replaced and tries again
        } catch (RuntimeException e) {
            // Unreadable records and anything else one record breaks: dead-lettered, and TokenMemory goes on.
            deadLetters.forward(context, record, record.value(), "TokenMemory cannot store this record: " + e.getMessage(), e);
        }
    }
}
