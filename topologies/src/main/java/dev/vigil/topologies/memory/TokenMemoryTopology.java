package dev.vigil.topologies.memory;

import dev.vigil.schema.ClipTokens;
import dev.vigil.schema.DeadLetter;
import dev.vigil.schema.TemporalState;
import dev.vigil.schema.Topics;
import dev.vigil.schema.dlq.DeadLetters;
import dev.vigil.schema.registry.SchemaRegistryClient;
import dev.vigil.schema.serde.AvroDeserializer;
import dev.vigil.schema.serde.AvroSerializer;
import dev.vigil.state.TokenMemoryConfig;
import dev.vigil.state.TokenMemoryStoreBuilder;
import dev.vigil.topologies.DeadLetterForwarding;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;

import java.time.Clock;

/**
 * The named sub-topology that materialises TokenMemory:
 *
 * <pre>
 *   clip-tokens-source ─┐
 *                       ├─► memory-writer ──► memory-dlq-sink (vigil.dlq)
 *   temporal-source ────┘        │
 *                          token-memory store (RocksDB + changelog)
 * </pre>
 *
 * {@code vigil.clip-tokens} and {@code vigil.temporal-state} share partition count and key, so both feed one
 * task per partition and a camera's entries, state and global embedding live together.
 */
public final class TokenMemoryTopology {
    public static final String STORE = TokenMemoryStoreBuilder.DEFAULT_NAME;
    static final String DLQ_SINK = "memory-dlq-sink";

    private TokenMemoryTopology() {
    }

    /** Adds the sub-topology to {@code topology}. */
    public static Topology addTo(Topology topology, SchemaRegistryClient registry, TokenMemoryConfig config,
                                 MeterRegistry metrics) {
        Serializer<DeadLetter> letters = new AvroSerializer<>(registry, true, false);
        DeadLetterForwarding deadLetters = new DeadLetterForwarding(
                new DeadLetters(letters, "token-memory", Clock.systemUTC()), Topics.CLIP_TOKENS, DLQ_SINK);
        AvroDeserializer<ClipTokens> clips = new AvroDeserializer<>(registry, ClipTokens.class);
        AvroDeserializer<TemporalState> states = new AvroDeserializer<>(registry, TemporalState.class);

        topology.addSource("clip-tokens-source", new StringDeserializer(), new ByteArrayDeserializer(), Topics.CLIP_TOKENS);
        topology.addSource("temporal-source", new StringDeserializer(), new ByteArrayDeserializer(), Topics.TEMPORAL_STATE);
        topology.addProcessor("memory-writer", () -> new TokenMemoryProcessor(STORE, clips, states, deadLetters, metrics),
                "clip-tokens-source", "temporal-source");
        topology.addStateStore(new TokenMemoryStoreBuilder(STORE, config), "memory-writer");
        ByteArraySerializer bytes = new ByteArraySerializer();
        topology.addSink(DLQ_SINK, Topics.DLQ, new StringSerializer(), (topic, value) -> bytes.serialize(topic, (byte[]) value),
                "memory-writer");
        return topology;
    }
}
