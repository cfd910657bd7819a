package dev.vigil.worker;

import dev.vigil.models.bundle.ModelBundle;
import dev.vigil.models.clip.ClipEncoder;
import dev.vigil.schema.Clip;
import dev.vigil.schema.ClipTokens;
import dev.vigil.schema.TemporalState;
import dev.vigil.schema.Topics;
import dev.vigil.schema.registry.RegistrySettings;
import dev.vigil.schema.registry.SchemaRegistryClient;
import dev.vigil.testkit.ClusterEndpoints;
import dev.vigil.testkit.RealCluster;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exactly once under failure: while four cameras stream clips, the worker process is killed with SIGKILL twice
 * at random points and restarted. Every clip ends up with exactly one committed ClipTokens, and each camera's
 * temporal state equals that of an uninterrupted run (the state was carried across the kills, not reset).
 */
@RealCluster
class WorkerKillIT {
    private static final int CAMERAS = 4;
    private static final int CLIPS_PER_CAMERA = 25;

    @TempDir
    Path dir;

    private final ClusterEndpoints cluster;
    private final SchemaRegistryClient registry;
    private final WorkerFixture fixture;

    WorkerKillIT(ClusterEndpoints cluster) {
        this.cluster = cluster;
        this.registry = new SchemaRegistryClient(RegistrySettings.of(cluster.registryUrl()));
        this.fixture = new WorkerFixture(cluster, registry);
    }

    @Test
    void killedTwiceWithSigkillLosesAndDuplicatesNothingAndCarriesState() throws Exception {
        try (Admin admin = Admin.create(cluster.clientConfig())) {
            Topics.singleBroker().ensure(admin, Duration.ofSeconds(60));
        }
        long seed = System.nanoTime();
        Random random = new Random(seed);
        System.out.println("WorkerKillIT seed " + seed);
        Path bundle = WorkerFixture.bundle(dir);
        String run = UUID.randomUUID().toString();
        List<String> cameras = new ArrayList<>();
        for (int i = 0; i < CAMERAS; i++) {
            cameras.add("cam-" + i + "-" + run);
        }
        Set<String> ours = new HashSet<>(cameras);
        String group = "kill-" + run;
        int total = CAMERAS * CLIPS_PER_CAMERA;

        Map<String, List<Clip>> sent = new LinkedHashMap<>();
        cameras.forEach(c -> sent.put(c, new ArrayList<>()));
        CompletableFuture<Void> streaming = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < CLIPS_PER_CAMERA; i++) {
                List<Clip> round = new ArrayList<>();
                for (String camera : cameras) {
                    Clip clip = WorkerFixture.clip(camera, i);
                    sent.get(camera).add(clip);
                    round.add(clip);
                }
                fixture.send(round);
                sleep(150);
            }
        });

        Process worker = startWorker(bundle, group);
        int firstKillAfter = 8 + random.nextInt(25);
        int secondKillAfter = firstKillAfter + 8 + random.nextInt(25);
        for (int killAfter : new int[]{firstKillAfter, secondKillAfter}) {
            fixture.readCommitted(Topics.CLIP_TOKENS, ours::contains, found -> found.size() >= killAfter, Duration.ofSeconds(120));
            sleep(random.nextInt(300)); // somewhere inside a later batch's transaction, or between two
            worker.destroyForcibly().waitFor();
            worker = startWorker(bundle, group);
        }
        streaming.get();
        List<ConsumerRecord<String, byte[]>> records = fixture.readCommitted(Topics.CLIP_TOKENS, ours::contains,
                found -> found.size() >= total, Duration.ofSeconds(120));
        Thread.sleep(2000);
        records = fixture.readCommitted(Topics.CLIP_TOKENS, ours::contains, found -> found.size() > total, Duration.ofSeconds(3));
        worker.destroy();
        worker.waitFor();

        List<ClipTokens> tokens = fixture.tokens(records);
        Map<String, List<Long>> indicesByCamera = tokens.stream().collect(Collectors.groupingBy(ClipTokens::getCameraId,
                Collectors.mapping(ClipTokens::getClipIndex, Collectors.toList())));
        assertThat(tokens).as("kills after %d and %d clips (seed %d)", firstKillAfter, secondKillAfter, seed).hasSize(total);
        for (String camera : cameras) {
            assertThat(indicesByCamera.get(camera)).as(camera + ": each clip once, in order")
                    .containsExactlyElementsOf(java.util.stream.LongStream.range(0, CLIPS_PER_CAMERA).boxed().toList());
        }

        Map<String, TemporalState> states = fixture.latestStates(fixture.readCommitted(Topics.TEMPORAL_STATE, ours::contains,
                found -> found.size() >= total, Duration.ofSeconds(30)));
        try (ModelBundle model = WorkerFixture.load(bundle); ClipEncoder reference = new ClipEncoder(model, 64)) {
            Map<String, byte[]> expected = WorkerFixture.referenceStates(reference, sent);
            for (String camera : cameras) {
                byte[] actual = new byte[states.get(camera).getState().remaining()];
                states.get(camera).getState().duplicate().get(actual);
                WorkerFixture.assertSameState(reference, camera, actual, expected.get(camera));
            }
        }
    }

    private Process startWorker(Path bundle, String group) throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Dai.djl.offline=true", "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                WorkerProcess.class.getName(), cluster.bootstrapServers(), cluster.registryUrl(), bundle.toString(),
                "killable-" + group, group)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("worker-" + System.nanoTime() + ".log").toFile())
                .start();
        return process;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
