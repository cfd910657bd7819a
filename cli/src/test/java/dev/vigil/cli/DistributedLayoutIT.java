package dev.vigil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.app.VigilCluster;
import dev.vigil.cluster.FreePorts;
import dev.vigil.testkit.ClusterEndpoints;
import dev.vigil.testkit.RealCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The distributed layout as separate processes on one machine, with the roles and {@code VIGIL_} variables of
 * docker-compose.yml: one {@code vigil ingest} with four synthetic cameras, two {@code vigil topologies}, two
 * {@code vigil api} (each an instance of the TokenMemory application, owning part of it), two {@code vigil worker}s
 * and then a third, on the tests' broker and registry. It shows forwarding (a question to instance 1 about a
 * camera instance 2 owns), {@code *} merging both, failover after SIGKILL of instance 2 (standby replicas) with no
 * clip lost or duplicated, and a worker joining mid-stream without loss.
 */
@RealCluster
class DistributedLayoutIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CLIPS = 20; // 40 s of synthetic time, 2 s clips
    private static final Duration FAILOVER_BOUND = Duration.ofSeconds(60);

    private final ClusterEndpoints cluster;
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Role> started = new ArrayList<>();

    @TempDir
    Path dir;

    DistributedLayoutIT(ClusterEndpoints cluster) {
        this.cluster = cluster;
    }

    /** One vigil process and its output. */
    record Role(String name, Process process, List<String> lines) {
        String awaitLine(Predicate<String> ready, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                synchronized (lines) {
                    for (String l : lines) {
                        if (ready.test(l)) {
                            return l;
                        }
                    }
                }
                assertThat(process.isAlive()).as(name + " exited: " + String.join("\n", lines)).isTrue();
                Thread.sleep(200);
            }
            throw new AssertionError(name + " not ready within " + timeout + ": " + String.join("\n", lines));
        }
    }

    private Role start(String name, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx640m", "--add-modules", "jdk.incubator.vector", "-Dai.djl.pytorch.num_threads=1",
                "-jar", Path.of("target", "vigil-cli.jar").toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture.runAsync(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (java.io.IOException ignored) {
                // the process ended
            }
        });
        Role role = new Role(name, process, lines);
        started.add(role);
        return role;
    }

    @Test
    void forwardsMergesFailsOverAndRebalancesWithoutLosingAClip() throws Exception {
        VigilCluster.external(cluster.bootstrapServers(), cluster.registryUrl()).close(); // topics and contracts
        String run = Long.toString(System.nanoTime(), 36);
        // The committed bundle: questions and frames in one embedding space, so "*" search ranks real moments.
        Path bundle = Path.of("..", "models", "bundles", "synthcam-tiny").toAbsolutePath().normalize();
        String token = "instance-token-" + run;
        Map<String, String> env = Map.of("VIGIL_KAFKA_BOOTSTRAP", cluster.bootstrapServers(),
                "VIGIL_REGISTRY_URL", cluster.registryUrl(), "VIGIL_MODEL_BUNDLE", bundle.toString(),
                "VIGIL_API_INSTANCE_TOKEN", token);
        try {
            int[] ports = {FreePorts.pick(), FreePorts.pick()};
            Role api1 = start("api-1", env, "api", "--port", Integer.toString(ports[0]), "--data", dir.resolve("api-1").toString());
            Role api2 = start("api-2", env, "api", "--port", Integer.toString(ports[1]), "--data", dir.resolve("api-2").toString());
            start("topologies-1", env, "topologies", "--state-dir", dir.resolve("topologies-1").toString());
            start("topologies-2", env, "topologies", "--state-dir", dir.resolve("topologies-2").toString());
            start("worker-1", env, "worker", "--workers", "1", "--id", "dl-" + run + "-a");
            start("worker-2", env, "worker", "--workers", "1", "--id", "dl-" + run + "-b");
            api1.awaitLine(l -> l.startsWith("vigil api ready"), Duration.ofSeconds(240));
            api2.awaitLine(l -> l.startsWith("vigil api ready"), Duration.ofSeconds(240));
            String key1 = adminKey(api1, api2);
            String base1 = "http://127.0.0.1:" + ports[0];
            String base2 = "http://127.0.0.1:" + ports[1];

            // Camera ids whose TokenMemory partition each instance owns: asked over the internal route, an instance
            // answers only for its own partitions.
            List<String> owned1 = new ArrayList<>();
            List<String> owned2 = new ArrayList<>();
            for (int i = 0; (owned1.size() < 2 || owned2.size() < 2) && i < 200; i++) {
                String id = "dl-" + run + "-" + i;
                (owner(base1, base2, token, id) == 1 ? owned1 : owned2).add(id);
            }
            owned1 = owned1.subList(0, 2);
            owned2 = owned2.subList(0, 2);
            List<String> cameras = new ArrayList<>(owned1);
            cameras.addAll(owned2);

            long epoch = (System.currentTimeMillis() - 600_000) / 2000 * 2000; // grid-aligned, in the past
            List<String> ingestArgs = new ArrayList<>(List.of("ingest", "--kafka", cluster.bootstrapServers(),
                    "--registry", cluster.registryUrl(), "--group", "dl-ingest-" + run));
            for (String camera : cameras) {
                ingestArgs.addAll(List.of("--camera", camera + "=synthcam://" + (camera.hashCode() & 0xff)
                        + "?pace=fast&duration=40s&epoch=" + java.time.Instant.ofEpochMilli(epoch)));
            }
            start("ingest", env, ingestArgs.toArray(String[]::new));
            Role worker3 = start("worker-3", env, "worker", "--workers", "1", "--id", "dl-" + run + "-c"); // joins mid-stream

            for (String camera : cameras) { // through instance 1: half of these are forwarded to instance 2
                assertThat(awaitClips(base1, key1, camera, Duration.ofSeconds(240))).as(camera).isEqualTo(CLIPS);
            }
            worker3.awaitLine(l -> l.contains("owns clip partitions [") && !l.contains("partitions []"), Duration.ofSeconds(60));
            JsonNode all = json(get(base1, "/v1/search?q=a%20red%20car&limit=500", key1)); // every camera: "*"
            Set<String> seen = new HashSet<>();
            all.path("results").forEach(m -> seen.add(m.path("camera").asText()));
            assertThat(seen).as("* merges both instances' cameras").containsAll(cameras);

            api2.process().destroyForcibly(); // SIGKILL: no leave-group, no clean shutdown
            long killed = System.nanoTime();
            Map<String, Duration> back = new LinkedHashMap<>();
            for (String camera : owned2) {
                assertThat(awaitClips(base1, key1, camera, FAILOVER_BOUND.plusSeconds(60))).as(camera).isEqualTo(CLIPS);
                back.put(camera, Duration.ofNanos(System.nanoTime() - killed));
            }
            Duration failover = back.values().stream().max(Duration::compareTo).orElseThrow();
            System.out.println("distributed layout: answers for the killed instance's cameras came back after "
                    + failover.toMillis() + " ms (" + back + ")");
            assertThat(failover).isLessThan(FAILOVER_BOUND);
            for (String camera : owned1) {
                assertThat(awaitClips(base1, key1, camera, Duration.ofSeconds(30))).isEqualTo(CLIPS);
            }
        } finally {
            for (Role role : started) {
                role.process().destroy();
            }
            for (Role role : started) {
                if (!role.process().waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    role.process().destroyForcibly();
                }
            }
        }
    }

    /**
     * The first admin key. The instances share their keys (vigil.api-keys), so whichever started on an empty
     * topic printed one (both may have, starting at the same moment; each key works on both).
     */
    private static String adminKey(Role... apis) {
        for (Role api : apis) {
            synchronized (api.lines()) {
                for (String line : api.lines()) {
                    if (line.startsWith("admin API key")) {
                        return line.substring(line.lastIndexOf(' ') + 1);
                    }
                }
            }
        }
        throw new AssertionError("neither API instance printed an admin key");
    }

    /**
     * 1 or 2: the instance that owns the camera's TokenMemory partition. Asked over the internal route, an instance
     * answers only for its own partitions (503 for the others); while the group is still assigning, neither does.
     */
    private int owner(String base1, String base2, String token, String camera) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            boolean on1 = answersFor(base1, token, camera);
            boolean on2 = answersFor(base2, token, camera);
            if (on1 != on2) {
                return on1 ? 1 : 2;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no single owner of " + camera + " within 120 s");
    }

    private boolean answersFor(String base, String token, String camera) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/internal/v1/memory"))
                .header("X-Vigil-Forwarded", token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"camera-stats\",\"cameraId\":\"" + camera + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
    }

    /** Waits until the camera's timeline (asked at {@code base}) holds distinct clips and stops growing. */
    private int awaitClips(String base, String key, String camera, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = get(base, "/v1/cameras/" + camera + "/timeline?from=0", key);
            if (r.statusCode() == 200) {
                JsonNode clips = JSON.readTree(r.body()).path("clips");
                Set<String> ids = new HashSet<>();
                clips.forEach(c -> ids.add(c.path("clipId").asText()));
                assertThat(ids).as("no clip twice in " + camera).hasSize(clips.size());
                last = clips.size();
                if (last >= CLIPS) {
                    return last;
                }
            }
            Thread.sleep(500);
        }
        return last;
    }

    private HttpResponse<String> get(String base, String path, String key) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + key)
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }
}
