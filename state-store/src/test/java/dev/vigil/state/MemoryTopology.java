package dev.vigil.state;

import dev.vigil.schema.ClipTokens;
import dev.vigil.schema.TemporalState;
import dev.vigil.schema.Topics;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;

/** The tiny topology of the tests: clip tokens (and temporal states) → {@link RecordingMemoryProcessor} → TokenMemory. */
final class MemoryTopology {
    static final String STORE = TokenMemoryStoreBuilder.DEFAULT_NAME;
    static final String OUTCOMES = "test.memory-outcomes";

    private MemoryTopology() {
    }

    /**
     * @param states   temporal-state deserializer, or {@code null} for no temporal-state source
     * @param outcomes whether to write put outcomes to {@link #OUTCOMES}
     */
    static Topology of(TokenMemoryConfig config, Deserializer<ClipTokens> clips, Deserializer<TemporalState> states,
                       boolean outcomes) {
        return of(new TokenMemoryStoreBuilder(STORE, config), clips, states, outcomes);
    }

    static Topology of(TokenMemoryStoreBuilder memory, Deserializer<ClipTokens> clips, Deserializer<TemporalState> states,
                       boolean outcomes) {
        Topology topology = new Topology();
        topology.addSource("clip-tokens", new StringDeserializer(), clips, Topics.CLIP_TOKENS);
        String[] parents = {"clip-tokens"};
        if (states != null) {
            topology.addSource("temporal-states", new StringDeserializer(), states, Topics.TEMPORAL_STATE);
            parents = new String[]{"clip-tokens", "temporal-states"};
        }
        topology.addProcessor("memory-writer", () -> new RecordingMemoryProcessor(STORE), parents);
        topology.addStateStore(memory, "memory-writer");
        if (outcomes) {
            topology.addSink("outcomes", OUTCOMES, new StringSerializer(), new StringSerializer(), "memory-writer");
        }
        return topology;
    }
}
