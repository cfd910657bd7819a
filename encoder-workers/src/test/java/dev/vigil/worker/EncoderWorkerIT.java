package dev.vigil.worker;

import dev.vigil.models.bundle.ModelBundle;
import dev.vigil.models.clip.ClipEncoder;
import dev.vigil.schema.Clip;
import dev.vigil.schema.ClipFrame;
import dev.vigil.schema.ClipTokens;
import dev.vigil.schema.DeadLetter;
import dev.vigil.schema.TemporalState;
import dev.vigil.schema.Topics;
import dev.vigil.schema.dlq.DeadLetters;
import dev.vigil.schema.registry.RegistrySettings;
import dev.vigil.schema.registry.SchemaRegistryClient;
import dev.vigil.schema.serde.AvroSerde;
import dev.vigil.testkit.ClusterEndpoints;
import dev.vigil.testkit.RealCluster;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Encoder workers in this JVM against the real broker and registry. */
@RealCluster
class EncoderWorkerIT {
    @TempDir
    static Path dir;
    static Path bundle;
    static ModelBundle referenceModel;
    static ClipEncoder reference;

    private final ClusterEndpoints cluster;
    private final SchemaRegistryClient registry;
    private final WorkerFixture fixture;

    EncoderWorkerIT(ClusterEndpoints cluster) {
        this.cluster = cluster;
        this.registry = new SchemaRegistryClient(RegistrySettings.of(cluster.registryUrl()));
        this.fixture = new WorkerFixture(cluster, registry);
    }

    @BeforeAll
    static void setUp(ClusterEndpoints cluster) {
        try (Admin admin = Admin.create(cluster.clientConfig())) {
            Topics.singleBroker().ensure(admin, Duration.ofSeconds(60));
        }
        bundle = WorkerFixture.bundle(dir);
        referenceModel = WorkerFixture.load(bundle);
        reference = new ClipEncoder(referenceModel, 64);
    }

    @AfterAll
    static void tearDown() {
        reference.close();
        referenceModel.close();
    }

    @Test
    void poisonClipsGoToTheDlqWithReasonsAndProcessingContinues() throws Exception {
        String camera = "cam-" + UUID.randomUUID();
        fixture.send(List.of(WorkerFixture.clip(camera, 0)));
        fixture.sendRaw(camera, "not a clip".getBytes(StandardCharsets.UTF_8));
        Clip otherModel = WorkerFixture.clip(camera, 1);
        otherModel.setModelId("some-other-model@3");
        Clip oneCorruptFrame = WorkerFixture.clip(camera, 2);
        oneCorruptFrame.getFrames().get(1).setJpeg(java.nio.ByteBuffer.wrap(new byte[]{1, 2, 3, 4}));
        Clip noGoodFrame = WorkerFixture.clip(camera, 3);
        noGoodFrame.getFrames().forEach(f -> f.setJpeg(java.nio.ByteBuffer.wrap(new byte[]{5, 6, 7})));
        fixture.send(List.of(otherModel, oneCorruptFrame, noGoodFrame, WorkerFixture.clip(camera, 4)));

        try (RunningWorker worker = RunningWorker.start(cluster, registry, bundle, "poison-" + camera, "group-" + camera)) {
            List<ConsumerRecord<String, byte[]>> tokens = fixture.readCommitted(Topics.CLIP_TOKENS, camera::equals,
                    found -> found.size() >= 3, Duration.ofSeconds(60));
            List<ClipTokens> encoded = fixture.tokens(tokens);
            assertThat(encoded).extracting(ClipTokens::getClipIndex).containsExactly(0L, 2L, 4L);
            ClipTokens withoutCorrupt = encoded.get(1);
            assertThat(withoutCorrupt.getPartial()).as("a clip missing a frame is partial").isTrue();
            assertThat(withoutCorrupt.getFrameTimes()).doesNotContain(oneCorruptFrame.getFrames().get(1).getEventTime())
                    .isSubsetOf(oneCorruptFrame.getFrames().stream().map(ClipFrame::getEventTime).toList());
        }
        List<ConsumerRecord<String, byte[]>> letters = fixture.readCommitted(Topics.DLQ, camera::equals,
                found -> found.size() >= 4, Duration.ofSeconds(30));
        AvroSerde<DeadLetter> serde = AvroSerde.forValues(registry, DeadLetter.class);
        List<String> reasons = letters.stream().map(r -> new String(r.headers().lastHeader(DeadLetters.HEADER_REASON).value(),
                StandardCharsets.UTF_8)).toList();
        assertThat(reasons).hasSize(4);
        assertThat(reasons.get(0)).contains("magic byte");
        assertThat(reasons.get(1)).contains("some-other-model@3").contains("this worker runs");
        assertThat(reasons.get(2)).contains("frame 9").contains("not a decodable").contains("left out of clip")
                .contains("#2");
        assertThat(serde.deserializer().deserialize(Topics.DLQ, letters.get(2).value()).getValue())
                .as("the corrupt frame's own bytes, not the clip's").isEqualTo(java.nio.ByteBuffer.wrap(new byte[]{1, 2, 3, 4}));
        assertThat(reasons.get(3)).contains("no frame of clip").contains("#3");
        assertThat(letters).allSatisfy(r -> assertThat(serde.deserializer().deserialize(r.topic(), r.value()).getSourceTopic())
                .isEqualTo(Topics.CLIPS));
    }

    @Test
    void aCameraFarBehindIsEncodedWithTemporalSamplingAndItIsRecordedAndCounted() throws Exception {
        String camera = "lag-" + UUID.randomUUID();
        List<Clip> backlog = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            backlog.add(WorkerFixture.clip(camera, i));
        }
        fixture.send(backlog); // 30 clips waiting before the worker starts: lag far over the bound of 5

        try (RunningWorker worker = RunningWorker.start(cluster, registry, bundle, "lag-" + camera, "group-" + camera, 5)) {
            List<ClipTokens> tokens = fixture.tokens(fixture.readCommitted(Topics.CLIP_TOKENS, camera::equals,
                    found -> found.size() >= 30, Duration.ofSeconds(90)));
            assertThat(tokens).hasSize(30);
            List<ClipTokens> sampled = tokens.stream().filter(t -> t.getSamplingStride() == 2).toList();
            assertThat(sampled).as("clips encoded under lag").isNotEmpty();
            assertThat(sampled).allSatisfy(t -> {
                assertThat(t.getFrameTimes()).as("every second frame of 4").hasSize(2);
                assertThat(t.getFrameEmbeddings().getCount()).isEqualTo(2);
            });
            assertThat(tokens.get(tokens.size() - 1).getSamplingStride()).as("caught up at the end").isEqualTo(1);
            assertThat(worker.metrics().counter("vigil.worker.clips.sampled").count()).isEqualTo(sampled.size());
            // a poll returns up to 8 clips (32 frames) at once: what does not fit waits for the next batch
            assertThat(worker.metrics().summary("vigil.worker.batch.frames").max()).as("largest batch, frames")
                    .isLessThanOrEqualTo(16);
        }
    }

    @Test
    void twoWorkersShareTheCamerasAndOneTakesOverTheOthersWithTheirStates() throws Exception {
        List<String> cameras = onePerPartition("cam-" + UUID.randomUUID());
        String group = "share-" + UUID.randomUUID();
        Map<String, List<Clip>> sent = new LinkedHashMap<>();
        cameras.forEach(c -> sent.put(c, new ArrayList<>()));
        Set<String> ours = new HashSet<>(cameras);

        RunningWorker a = RunningWorker.start(cluster, registry, bundle, "a-" + group, group);
        RunningWorker b = RunningWorker.start(cluster, registry, bundle, "b-" + group, group);
        awaitSplit(a, b);
        sendRound(sent, 0, 5);
        List<ConsumerRecord<String, byte[]>> firstHalf = fixture.readCommitted(Topics.CLIP_TOKENS, ours::contains,
                found -> found.size() >= 30, Duration.ofSeconds(90));
        assertThat(firstHalf).hasSize(30);
        assertThat(a.encoded()).as("worker a encoded some clips").isPositive();
        assertThat(b.encoded()).as("worker b encoded some clips").isPositive();

        b.close(); // a takes over b's partitions and must restore their cameras' states from vigil.temporal-state
        sendRound(sent, 5, 10);
        List<ConsumerRecord<String, byte[]>> all = fixture.readCommitted(Topics.CLIP_TOKENS, ours::contains,
                found -> found.size() >= 60, Duration.ofSeconds(90));
        a.close();

        assertThat(all).hasSize(60);
        Map<String, TemporalState> states = fixture.latestStates(fixture.readCommitted(Topics.TEMPORAL_STATE,
                ours::contains, found -> found.size() >= 60, Duration.ofSeconds(30)));
        Map<String, byte[]> expected = WorkerFixture.referenceStates(reference, sent);
        for (String camera : cameras) {
            assertThat(states.get(camera).getLastClipIndex()).isEqualTo(9);
            WorkerFixture.assertSameState(reference, camera, bytes(states.get(camera).getState()), expected.get(camera));
        }
    }

    /** Camera ids whose keys hash to each of the 6 partitions, so any split between workers gives both some. */
    private static List<String> onePerPartition(String prefix) {
        String[] byPartition = new String[6];
        for (int i = 0; java.util.Arrays.stream(byPartition).anyMatch(java.util.Objects::isNull); i++) {
            String id = prefix + "-" + i;
            int p = org.apache.kafka.common.utils.Utils.toPositive(
                    org.apache.kafka.common.utils.Utils.murmur2(id.getBytes(StandardCharsets.UTF_8))) % 6;
            if (byPartition[p] == null) {
                byPartition[p] = id;
            }
        }
        return List.of(byPartition);
    }

    private static void awaitSplit(RunningWorker a, RunningWorker b) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Set<Integer> both = new HashSet<>(a.worker().ownedPartitions());
            both.addAll(b.worker().ownedPartitions());
            if (!a.worker().ownedPartitions().isEmpty() && !b.worker().ownedPartitions().isEmpty() && both.size() == 6) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the two workers did not split the 6 partitions within 60 s: "
                + a.worker().ownedPartitions() + " / " + b.worker().ownedPartitions());
    }

    private void sendRound(Map<String, List<Clip>> sent, int from, int to) {
        List<Clip> round = new ArrayList<>();
        for (int i = from; i < to; i++) {
            for (String camera : sent.keySet()) {
                Clip clip = WorkerFixture.clip(camera, i);
                sent.get(camera).add(clip);
                round.add(clip);
            }
        }
        fixture.send(round);
    }

    private static byte[] bytes(java.nio.ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }

    /** A worker on its own thread with its own model instance, as a separate process would have. */
    record RunningWorker(ModelBundle model, ClipEncoder encoder, EncoderWorker worker, Thread thread,
                         SimpleMeterRegistry metrics) implements AutoCloseable {
        static RunningWorker start(ClusterEndpoints cluster, SchemaRegistryClient registry, Path bundle, String id, String group) {
            return start(cluster, registry, bundle, id, group, 10_000);
        }

        static RunningWorker start(ClusterEndpoints cluster, SchemaRegistryClient registry, Path bundle, String id,
                                   String group, long lagBound) {
            ModelBundle model = WorkerFixture.load(bundle);
            ClipEncoder encoder = new ClipEncoder(model, 64);
            WorkerConfig config = new WorkerConfig(id, group, 16, Duration.ofMillis(100), 1, lagBound, 2, 64);
            SimpleMeterRegistry metrics = new SimpleMeterRegistry();
            EncoderWorker worker = new EncoderWorker(config, cluster.clientConfig(), registry, encoder, metrics, Clock.systemUTC());
            Thread thread = new Thread(worker, "worker-" + id);
            thread.start();
            return new RunningWorker(model, encoder, worker, thread, metrics);
        }

        double encoded() {
            return metrics.counter("vigil.worker.clips.encoded").count();
        }

        @Override
        public void close() throws InterruptedException {
            worker.close();
            thread.join(30_000);
            encoder.close();
            model.close();
        }
    }
}
