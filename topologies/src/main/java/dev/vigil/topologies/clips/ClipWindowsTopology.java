package dev.vigil.topologies.clips;

import dev.vigil.schema.CameraConfig;
import dev.vigil.schema.Clip;
import dev.vigil.schema.DeadLetter;
import dev.vigil.schema.Frame;
import dev.vigil.schema.Topics;
import dev.vigil.schema.cameras.ClipBudget;
import dev.vigil.schema.dlq.DeadLetters;
import dev.vigil.schema.registry.SchemaRegistryClient;
import dev.vigil.schema.serde.AvroDeserializer;
import dev.vigil.schema.serde.AvroSerde;
import dev.vigil.schema.serde.AvroSerializer;
import dev.vigil.topologies.DeadLetterForwarding;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

import java.time.Clock;

/**
 * The named topology that turns {@code vigil.frames} into {@code vigil.clips}:
 *
 * <pre>
 *   frames-source ─► clip-windows ─┬─► clips-sink (vigil.clips)
 *                      │  ▲        └─► dlq-sink   (vigil.dlq)
 *     clip-frames store ┘  └ cameras global store ◄─ vigil.cameras
 *     camera-clocks store
 * </pre>
 *
 * Frames are read as bytes and decoded inside the processor, so that an unreadable record becomes a dead
 * letter in the same transaction instead of stopping the stream.
 */
public final class ClipWindowsTopology {
    static final String SOURCE_TOPIC = Topics.FRAMES;
    static final String FRAMES_STORE = "clip-frames";
    static final String CLOCKS_STORE = "camera-clocks";
    static final String CAMERAS_STORE = "camera-configs";
    static final String CLIPS_SINK = "clips-sink";
    static final String DLQ_SINK = "dlq-sink";

    private ClipWindowsTopology() {
    }

    /** A topology of the clip windows alone; the serdes use {@code registry} for every Avro contract. */
    public static Topology build(SchemaRegistryClient registry, ClipWindowsConfig config, MeterRegistry metrics) {
        return addTo(new Topology(), registry, config, metrics);
    }

    /** Adds the clip windows to {@code topology}, e.g. beside TokenMemory in one application. */
    public static Topology addTo(Topology topology, SchemaRegistryClient registry, ClipWindowsConfig config,
                                 MeterRegistry metrics) {
        Topics topics = Topics.singleBroker(); // record limits and retention do not depend on the partition layout
        ClipWindowsConfig checked = config.checkedAgainst(topics.spec(Topics.CLIPS));
        ClipBudget budget = ClipBudget.of(topics);
        AvroDeserializer<Frame> frames = new AvroDeserializer<>(registry, Frame.class);
        Serializer<DeadLetter> letters = new AvroSerializer<>(registry, true, false);
        DeadLetterForwarding deadLetters = new DeadLetterForwarding(
                new DeadLetters(letters, "clip-windows", Clock.systemUTC()), SOURCE_TOPIC, DLQ_SINK);
        AvroSerde<Clip> clips = AvroSerde.forValues(registry, Clip.class);
        AvroSerde<CameraConfig> cameras = AvroSerde.forValues(registry, CameraConfig.class);

        topology.addSource("frames-source", Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), SOURCE_TOPIC);
        topology.addProcessor("clip-windows", () -> new ClipWindowProcessor(checked, budget, frames, deadLetters, metrics), "frames-source");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(FRAMES_STORE),
                Serdes.Bytes(), Serdes.ByteArray()), "clip-windows");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CLOCKS_STORE),
                Serdes.String(), Serdes.ByteArray()), "clip-windows");
        topology.addGlobalStore(
                Stores.timestampedKeyValueStoreBuilder(Stores.persistentTimestampedKeyValueStore(CAMERAS_STORE),
                        Serdes.String(), cameras).withLoggingDisabled(),
                "cameras-source", new StringDeserializer(), cameras.deserializer(), Topics.CAMERAS,
                "cameras-loader", CameraConfigLoader::new);
        topology.addSink(CLIPS_SINK, Topics.CLIPS, new StringSerializer(), downcast(clips.serializer()), "clip-windows");
        topology.addSink(DLQ_SINK, Topics.DLQ, new StringSerializer(), downcast(new ByteArraySerializer()), "clip-windows");
        return topology;
    }

    /** The processor forwards clips and dead letters as {@code Object}; each sink knows its own value type. */
    @SuppressWarnings("unchecked")
    private static <T> Serializer<Object> downcast(Serializer<T> serializer) {
        return (topic, value) -> serializer.serialize(topic, (T) value);
    }

    /** Keeps the global camera-config store in step with the compacted {@code vigil.cameras} topic. */
    private static final class CameraConfigLoader implements Processor<String, CameraConfig, Void, Void> {
        private TimestampedKeyValueStore<String, CameraConfig> store;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(CAMERAS_STORE);
        }

        @Override
        public void process(Record<String, CameraConfig> record) {
            if (record.value() == null) {
                store.delete(record.key());
            } else {
                store.put(record.key(), ValueAndTimestamp.make(record.value(), record.timestamp()));
            }
        }
    }
}
