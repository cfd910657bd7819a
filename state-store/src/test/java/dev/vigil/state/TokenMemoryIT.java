package dev.vigil.state;

import dev.vigil.schema.ClipTokens;
import dev.vigil.schema.Topics;
import dev.vigil.schema.registry.RegistrySettings;
import dev.vigil.schema.registry.SchemaRegistryClient;
import dev.vigil.schema.serde.AvroSerde;
import dev.vigil.state.query.CameraStatsQuery;
import dev.vigil.state.query.LatestQuery;
import dev.vigil.state.query.MemoryQuery;
import dev.vigil.state.query.TimeRangeQuery;
import dev.vigil.testkit.ClusterEndpoints;
import dev.vigil.testkit.RealCluster;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.apache.kafka.streams.query.StateQueryResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * TokenMemory in a real exactly-once Kafka Streams app on a real broker and registry: clips from
 * {@code vigil.clip-tokens} (Confluent-wire Avro) are materialised, answered through IQv2, and after the
 * app's local state is wiped, restored from the changelog by the next start.
 */
@RealCluster
class TokenMemoryIT {
    private static final long T0 = 1_700_000_000_000L;
    private static final int CLIPS = 12;

    private final ClusterEndpoints cluster;
    private final SchemaRegistryClient registry;
    private final Clips clips = new Clips("tiny-v1", 8, 16);
    private final String camera = "cam-" + UUID.randomUUID();
    private final String applicationId = "token-memory-it-" + UUID.randomUUID();
    @TempDir
    Path stateDir;

    TokenMemoryIT(ClusterEndpoints cluster) {
        this.cluster = cluster;
        this.registry = new SchemaRegistryClient(RegistrySettings.of(cluster.registryUrl()));
    }

    @BeforeAll
    static void topics(ClusterEndpoints cluster) {
        try (Admin admin = Admin.create(cluster.clientConfig())) {
            Topics.singleBroker().ensure(admin, Duration.ofSeconds(60));
        }
    }

    @Test
    void materialisesAnswersThroughIqv2AndIsRestoredFromTheChangelog() throws Exception {
        AvroSerde<ClipTokens> serde = AvroSerde.forValues(registry, ClipTokens.class);
        try (KafkaProducer<String, ClipTokens> producer =
                     new KafkaProducer<>(cluster.clientConfig(), new StringSerializer(), serde.serializer())) {
            for (long i = 0; i < CLIPS; i++) {
                ClipTokens clip = clips.clip(camera, T0, i);
                producer.send(new ProducerRecord<>(Topics.CLIP_TOKENS, null, clip.getEnd().toEpochMilli(), camera, clip)).get();
            }
        }
        TimeRangeQuery all = new TimeRangeQuery(camera, T0, T0 + 3_600_000);

        List<MemoryEntry> materialised;
        try (KafkaStreams streams = start(serde, new AtomicLong())) {
            materialised = await(streams, all, entries -> entries.size() == CLIPS);
            assertThat(materialised).extracting(MemoryEntry::clipIndex)
                    .containsExactlyElementsOf(java.util.stream.LongStream.range(0, CLIPS).boxed().toList());
            assertThat(materialised.get(3)).isEqualTo(MemoryEntry.fromClip(clips.clip(camera, T0, 3)));
            assertThat(await(streams, new LatestQuery(camera, 2), e -> e.size() == 2))
                    .extracting(MemoryEntry::clipIndex).containsExactly(11L, 10L);
            streams.close(Duration.ofSeconds(30));
            streams.cleanUp();
        }
        wipe(stateDir.resolve(applicationId)); // no local state at all: only the changelog can bring it back
        assertThat(Files.exists(stateDir.resolve(applicationId))).isFalse();

        AtomicLong restored = new AtomicLong();
        try (KafkaStreams again = start(serde, restored)) {
            assertThat(await(again, all, entries -> entries.size() == CLIPS)).isEqualTo(materialised);
            CameraStats stats = await(again, new CameraStatsQuery(camera), s -> s.entries() == CLIPS);
            assertThat(stats.entriesByTier()).containsExactly(CLIPS, 0, 0);
            assertThat(restored.get()).as("records restored from the changelog").isGreaterThanOrEqualTo(CLIPS);
            again.close(Duration.ofSeconds(30));
        }
    }

    private static void wipe(Path dir) throws java.io.IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private KafkaStreams start(AvroSerde<ClipTokens> serde, AtomicLong restored) throws InterruptedException {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        // what the query API sets to its own HTTP address; key metadata (owner partition and host) needs it
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, "127.0.0.1:18080");
        KafkaStreams streams = new KafkaStreams(
                MemoryTopology.of(TokenMemoryConfig.defaults(), serde.deserializer(), null, false), props);
        streams.setGlobalStateRestoreListener(new StateRestoreListener() {
            @Override
            public void onRestoreStart(TopicPartition partition, String store, long start, long end) {
            }

            @Override
            public void onBatchRestored(TopicPartition partition, String store, long batchEnd, long numRestored) {
            }

            @Override
            public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
                if (store.equals(MemoryTopology.STORE)) {
                    restored.addAndGet(totalRestored);
                }
            }
        });
        streams.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            assertThat(System.nanoTime()).as("Kafka Streams RUNNING within 90 s, is " + streams.state()).isLessThan(deadline);
            Thread.sleep(100);
        }
        return streams;
    }

    /** Asks the partition that owns the camera, as the query API does, until the answer satisfies {@code done}. */
    private <R> R await(KafkaStreams streams, MemoryQuery<R> query, Predicate<R> done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Map<String, Object> last = new HashMap<>();
        while (System.nanoTime() < deadline) {
            KeyQueryMetadata owner = streams.queryMetadataForKey(MemoryTopology.STORE, camera, new StringSerializer());
            if (owner != null && owner.partition() >= 0) {
                StateQueryResult<R> result = streams.query(StateQueryRequest.inStore(MemoryTopology.STORE)
                        .withQuery(query).withPartitions(Set.of(owner.partition())));
                QueryResult<R> answer = result.getPartitionResults().get(owner.partition());
                if (answer != null && answer.isSuccess() && done.test(answer.getResult())) {
                    return answer.getResult();
                }
                last.put("answer", answer);
            }
            last.put("owner", owner);
            Thread.sleep(200);
        }
        throw new AssertionError(query + " not answered as expected within 60 s; last: " + last);
    }
}
