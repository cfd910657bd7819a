package dev.vigil.topologies.memory;

import dev.vigil.schema.ClipTokens;
import dev.vigil.schema.TokenMatrix;
import dev.vigil.schema.Topics;
import dev.vigil.schema.registry.RegistrySettings;
import dev.vigil.schema.registry.SchemaRegistryClient;
import dev.vigil.schema.serde.AvroSerde;
import dev.vigil.state.CameraStats;
import dev.vigil.state.MemoryBound;
import dev.vigil.state.StreamShape;
import dev.vigil.state.TokenMemoryConfig;
import dev.vigil.state.query.CameraStatsQuery;
import dev.vigil.testkit.ClusterEndpoints;
import dev.vigil.testkit.RealCluster;
import dev.vigil.topologies.StreamsSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bounded memory on the real cluster: six hours of one camera's clip tokens (event time, produced faster than
 * real time) through the real exactly-once TokenMemory application on RocksDB. The camera's memory stays within
 * the computed bound the whole way, and old clips are consolidated into tiers, then deleted, on schedule.
 */
@RealCluster
class BoundedMemoryOnBrokerIT {
    private static final int DIM = 16;
    private static final int TOKENS = 64;
    private static final long CLIP_MS = 2_000;
    private static final int CLIPS = (int) (Duration.ofHours(6).toMillis() / CLIP_MS);

    @TempDir
    Path stateDir;

    private final ClusterEndpoints cluster;
    private final SchemaRegistryClient registry;

    BoundedMemoryOnBrokerIT(ClusterEndpoints cluster) {
        this.cluster = cluster;
        this.registry = new SchemaRegistryClient(RegistrySettings.of(cluster.registryUrl()));
    }

    @Test
    void sixHoursOfOneCameraStayWithinTheBoundAndAgeOnSchedule() throws Exception {
        try (Admin admin = Admin.create(cluster.clientConfig())) {
            Topics.singleBroker().ensure(admin, Duration.ofSeconds(60));
        }
        String camera = "bound-" + UUID.randomUUID();
        // Seven hours back, aligned to the 96 s tier-2 buckets; the broker refuses timestamps from the future.
        long t0 = (System.currentTimeMillis() - Duration.ofHours(7).toMillis()) / 96_000 * 96_000;
        TokenMemoryConfig config = TokenMemoryConfig.defaults().withRetention(camera, Duration.ofHours(4));
        long bound = MemoryBound.bytesPerCamera(config, camera, DIM, new StreamShape(2, 4, TOKENS, 2048, 0));

        Topology topology = TokenMemoryTopology.addTo(new Topology(), registry, config, new SimpleMeterRegistry());
        StreamsSettings settings = new StreamsSettings("bounded-memory-" + UUID.randomUUID(), cluster.bootstrapServers(),
                stateDir, Optional.of("127.0.0.1:1"), 1, Map.of("commit.interval.ms", 500));
        List<Long> sampledBytes = Collections.synchronizedList(new ArrayList<>());
        CameraStats end;
        try (KafkaStreams streams = new KafkaStreams(topology, settings.toProperties())) {
            streams.start();
            produceSixHours(camera, t0);
            MemoryQueries queries = new MemoryQueries(streams, new HostInfo("127.0.0.1", 1));
            long lastClipEnd = t0 + CLIPS * CLIP_MS;
            end = null;
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (System.nanoTime() < deadline) {
                try {
                    end = queries.askLocal(camera, new CameraStatsQuery(camera));
                    sampledBytes.add(end.approximateBytes());
                    if (end.latestEventTime() >= lastClipEnd) {
                        break;
                    }
                } catch (MemoryUnavailableException starting) {
                    // restoring or rebalancing
                }
                Thread.sleep(500);
            }
        }

        assertThat(end).isNotNull();
        assertThat(end.latestEventTime()).as("all six hours arrived").isEqualTo(t0 + CLIPS * CLIP_MS);
        assertThat(sampledBytes).as("memory while streaming, bound %,d bytes", bound).isNotEmpty()
                .allSatisfy(bytes -> assertThat(bytes).isLessThanOrEqualTo(bound));
        long latest = end.latestEventTime();
        // Raw clips only for the last 10 min (300 clips); tier 1 up to 2 h; tier 2 up to the 4 h retention.
        assertThat(end.entriesByTier().get(0)).isBetween(295, 305);
        assertThat(end.entriesByTier().get(1)).as("tier-1 entries of 8 s").isBetween(800, 840);
        assertThat(end.entriesByTier().get(2)).as("tier-2 entries of 96 s").isBetween(70, 78);
        assertThat(end.oldestStart()).as("nothing older than the 4 h retention")
                .isGreaterThanOrEqualTo(latest - Duration.ofHours(4).toMillis() - 96_000);
        System.out.printf("6 h on the broker: %s; peak sampled %,d bytes, bound %,d bytes%n", end,
                sampledBytes.stream().mapToLong(Long::longValue).max().orElse(0), bound);
    }

    private void produceSixHours(String camera, long t0) throws Exception {
        AvroSerde<ClipTokens> serde = AvroSerde.forValues(registry, ClipTokens.class);
        Random random = new Random(42);
        try (KafkaProducer<String, ClipTokens> producer = new KafkaProducer<>(Map.of("bootstrap.servers", cluster.bootstrapServers(),
                "linger.ms", 20, "batch.size", 1 << 20), new StringSerializer(), serde.serializer())) {
            for (int i = 0; i < CLIPS; i++) {
                long start = t0 + i * CLIP_MS;
                List<Instant> times = List.of(Instant.ofEpochMilli(start), Instant.ofEpochMilli(start + 500),
                        Instant.ofEpochMilli(start + 1000), Instant.ofEpochMilli(start + 1500));
                ClipTokens clip = ClipTokens.newBuilder().setCameraId(camera).setClipIndex(start / CLIP_MS)
                        .setStart(Instant.ofEpochMilli(start)).setEnd(Instant.ofEpochMilli(start + CLIP_MS))
                        .setModelId("bound-test@1")
                        .setTokens(new TokenMatrix(TOKENS, DIM, fp16(random, TOKENS * DIM)))
                        .setTokenSizes(Collections.nCopies(TOKENS, 4))
                        .setFrameEmbeddings(new TokenMatrix(4, DIM, fp16(random, 4 * DIM)))
                        .setFrameTimes(times).setSamplingStride(1).setPartial(false)
                        .setKeyframe(ByteBuffer.wrap(new byte[2048]))
                        .setIngestTime(Instant.ofEpochMilli(start + CLIP_MS)).setEncodeTime(Instant.ofEpochMilli(start + CLIP_MS))
                        .build();
                producer.send(new ProducerRecord<>(Topics.CLIP_TOKENS, null, start + CLIP_MS, camera, clip));
            }
            producer.flush();
        }
    }

    private static ByteBuffer fp16(Random random, int n) {
        ByteBuffer out = ByteBuffer.allocate(2 * n).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            out.putShort(dev.vigil.tokens.Fp16.fromFloat((float) random.nextGaussian()));
        }
        return out.flip();
    }
}
