package dev.vigil.topologies.watch;

import dev.vigil.schema.ClipTokens;
import dev.vigil.schema.Topics;
import dev.vigil.schema.registry.SchemaRegistryClient;
import dev.vigil.schema.serde.AvroDeserializer;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * Standing questions over the live stream:
 *
 * <pre>
 *   vigil.watches ──► watches (global store, every instance holds every watch)
 *                                 │ read
 *   vigil.clip-tokens ──► watch-evaluator ──► watch-alerts-sink (vigil.alerts, JSON)
 *                                 │
 *                        watch-cooldowns (changelogged, per (watch, camera))
 * </pre>
 *
 * Kafka Streams lets a topic feed only one source node per topology, so when TokenMemory is in the same
 * topology the evaluator hangs off its clip-tokens source ({@link #MEMORY_CLIP_SOURCE}); alone it adds its own.
 */
public final class WatchTopology {
    /** The source node name that {@code TokenMemoryTopology} gives {@code vigil.clip-tokens}. */
    public static final String MEMORY_CLIP_SOURCE = "clip-tokens-source";
    static final String WATCH_STORE = "watches";
    static final String COOLDOWN_STORE = "watch-cooldowns";
    static final String ALERT_SINK = "watch-alerts-sink";
    private static final String EVALUATOR = "watch-evaluator";

    private WatchTopology() {
    }

    /**
     * Adds the standing-question sub-topology.
     *
     * @param clipTokensSource the existing source node of {@code vigil.clip-tokens} to attach to (usually
     *                         {@link #MEMORY_CLIP_SOURCE}), or {@code null} to add a source of its own
     */
    public static Topology addTo(Topology topology, SchemaRegistryClient registry, String clipTokensSource,
                                 MeterRegistry metrics) {
        WatchJson json = new WatchJson();
        AvroDeserializer<ClipTokens> clips = new AvroDeserializer<>(registry, ClipTokens.class);
        String source = clipTokensSource;
        if (source == null) {
            source = "watch-clip-tokens-source";
            topology.addSource(source, new StringDeserializer(), new ByteArrayDeserializer(), Topics.CLIP_TOKENS);
        }
        topology.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(WATCH_STORE), Serdes.String(), Serdes.ByteArray())
                        .withLoggingDisabled(), // a global store restores from its own topic, vigil.watches
                "watches-source", new StringDeserializer(), new ByteArrayDeserializer(), Topics.WATCHES,
                "watches-updater", WatchDefinitions::new);
        topology.addProcessor(EVALUATOR, () -> new WatchEvaluator(clips, json, metrics), source);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(COOLDOWN_STORE),
                Serdes.String(), Serdes.Long()), EVALUATOR);
        topology.addSink(ALERT_SINK, Topics.ALERTS, new StringSerializer(), new ByteArraySerializer(), EVALUATOR);
        return topology;
    }

    /** Keeps the global store equal to the compacted topic: a tombstone deletes the watch. */
    private static final class WatchDefinitions implements Processor<String, byte[], Void, Void> {
        private KeyValueStore<String, byte[]> store;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(WATCH_STORE);
        }

        @Override
        public void process(Record<String, byte[]> record) {
            if (record.key() == null) {
                return;
            }
            if (record.value() == null) {
                store.delete(record.key());
            } else {
                store.put(record.key(), record.value());
            }
        }
    }
}
