package dev.vigil.app;

import dev.vigil.ingest.CameraSources;
import dev.vigil.ingest.camera.IngestNode;
import dev.vigil.ingest.camera.IngestSettings;
import dev.vigil.models.bundle.SeededBundleWriter;
import dev.vigil.schema.Clip;
import dev.vigil.schema.ClipTokens;
import dev.vigil.schema.Topics;
import dev.vigil.schema.registry.RegistrySettings;
import dev.vigil.schema.registry.SchemaRegistryClient;
import dev.vigil.schema.serde.AvroSerde;
import dev.vigil.state.MemoryEntry;
import dev.vigil.state.TokenMemoryConfig;
import dev.vigil.state.query.TimeRangeQuery;
import dev.vigil.testkit.ClusterEndpoints;
import dev.vigil.topologies.VigilStreams;
import dev.vigil.testkit.RealCluster;
import dev.vigil.topologies.memory.MemoryUnavailableException;
import dev.vigil.worker.WorkerConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end on the real cluster: a synthetic camera at 2 fps for 120 s of event time, run faster than real
 * time, through ingest, the clip windows, an encoder worker and TokenMemory.
 */
@RealCluster
class PipelineIT {
    @TempDir
    Path dir;

    private final ClusterEndpoints cluster;
    private final SchemaRegistryClient registry;

    PipelineIT(ClusterEndpoints cluster) {
        this.cluster = cluster;
        this.registry = new SchemaRegistryClient(RegistrySettings.of(cluster.registryUrl()));
    }

    @Test
    void twoMinutesOfASyntheticCameraBecomeSixtyClipsSixtyTokenSetsAndSixtyMemoryEntries() throws Exception {
        VigilCluster.external(cluster.bootstrapServers(), cluster.registryUrl()).close(); // topics and contracts
        Path bundle = new SeededBundleWriter(SeededBundleWriter.Shape.tiny(), 11).writeTo(dir.resolve("bundle"));
        Clock clock = Clock.systemUTC();
        // Grid-aligned and in the past, so the 240 sampled frames fill exactly 60 clips of 2 s.
        Instant epoch = Instant.ofEpochMilli((clock.millis() - 600_000) / 2000 * 2000);
        String camera = "e2e-" + Long.toHexString(System.nanoTime());

        Pipeline.Settings settings = new Pipeline.Settings(cluster.bootstrapServers(), registry, dir.resolve("state"),
                bundle, WorkerConfig.defaults("e2e-worker"), new HostInfo("127.0.0.1", 1), TokenMemoryConfig.defaults(),
                Pipeline.Settings.defaultThreads(6));
        SimpleMeterRegistry metrics = new SimpleMeterRegistry(); // one registry, as /metrics has
        try (Pipeline pipeline = Pipeline.start(settings, metrics, clock);
             IngestNode ingest = IngestNode.start(IngestSettings.of(cluster.bootstrapServers(), cluster.registryUrl())
                     .withGroup("e2e-ingest-" + camera), CameraSources.standard(clock), metrics, clock)) {
            ingest.admin().put(camera, "synthcam://5?pace=fast&duration=120s&epoch=" + epoch);

            List<Clip> clips = read(Topics.CLIPS, camera, 60, Clip.class);
            List<ClipTokens> tokens = read(Topics.CLIP_TOKENS, camera, 60, ClipTokens.class);

            long first = epoch.toEpochMilli() / 2000;
            List<Long> expected = LongStream.range(first, first + 60).boxed().toList();
            assertThat(clips).extracting(Clip::getClipIndex).containsExactlyElementsOf(expected);
            assertThat(clips).allSatisfy(c -> assertThat(c.getFrames()).hasSize(4));
            assertThat(tokens).extracting(ClipTokens::getClipIndex).containsExactlyElementsOf(expected);
            assertThat(tokens).allSatisfy(t -> assertThat(t.getTokens().getCount()).isEqualTo(16));

            List<MemoryEntry> memory = awaitMemory(pipeline, camera, epoch);
            assertThat(memory).extracting(MemoryEntry::clipIndex).containsExactlyElementsOf(expected);

            // Every meter the process registers has HELP text (Prometheus' HELP is the meter's description),
            // and the workers' lag and the encoder backlog are among them once the offsets were read.
            long lagDeadline = System.nanoTime() + ConsumerLag.EVERY.plusSeconds(10).toNanos();
            while (metrics.find("vigil.encoder.backlog").gauge() == null && System.nanoTime() < lagDeadline) {
                Thread.sleep(200);
            }
            assertThat(metrics.find("vigil.encoder.backlog").gauge()).as("encoder backlog gauge").isNotNull();
            assertThat(metrics.find("vigil.consumer.lag").tag("group", VigilStreams.CLIPS_APPLICATION).gauges())
                    .as("lag of the clip windows application").isNotEmpty();
            assertThat(metrics.getMeters()).isNotEmpty().allSatisfy(m -> assertThat(m.getId().getDescription())
                    .as("HELP text of %s", m.getId().getName()).isNotBlank());
        }
    }

    private List<MemoryEntry> awaitMemory(Pipeline pipeline, String camera, Instant epoch) throws InterruptedException {
        TimeRangeQuery all = new TimeRangeQuery(camera, epoch.toEpochMilli(), epoch.toEpochMilli() + 120_000);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<MemoryEntry> last = List.of();
        while (System.nanoTime() < deadline) {
            try {
                last = pipeline.memory().askLocal(camera, all);
                if (last.size() >= 60) {
                    return last;
                }
            } catch (MemoryUnavailableException starting) {
                // restoring or rebalancing: ask again
            }
            Thread.sleep(250);
        }
        return last;
    }

    /** Committed records of one camera, in offset order, until {@code expected} arrived (then 2 s more for extras). */
    private <T extends org.apache.avro.specific.SpecificRecord> List<T> read(String topic, String camera, int expected, Class<T> type) {
        Function<byte[], T> decode = bytes -> AvroSerde.forValues(registry, type).deserializer().deserialize(topic, bytes);
        Map<String, Object> config = new HashMap<>(cluster.clientConfig());
        config.put("isolation.level", "read_committed");
        config.put("max.partition.fetch.bytes", 8 << 20);
        List<T> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
            long extraUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, extraUntil)) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(300))) {
                    if (camera.equals(r.key())) {
                        found.add(decode.apply(r.value()));
                    }
                }
                if (found.size() >= expected && extraUntil == Long.MAX_VALUE) {
                    extraUntil = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                }
            }
        }
        return found;
    }
}
