package dev.vigil.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.api.ApiProcess;
import dev.vigil.api.ApiSettings;
import dev.vigil.api.cameras.CameraStatusSource;
import dev.vigil.models.bundle.SeededBundleWriter;
import dev.vigil.schema.CameraConfig;
import dev.vigil.schema.ClipTokens;
import dev.vigil.schema.Frame;
import dev.vigil.schema.Topics;
import dev.vigil.schema.cameras.CameraDefinitions;
import dev.vigil.schema.dlq.DeadLetters;
import dev.vigil.schema.registry.RegistrySettings;
import dev.vigil.schema.registry.SchemaRegistryClient;
import dev.vigil.schema.serde.AvroSerde;
import dev.vigil.state.TokenMemoryConfig;
import dev.vigil.testkit.ClusterEndpoints;
import dev.vigil.testkit.RealCluster;
import dev.vigil.topologies.StreamsApplication;
import dev.vigil.topologies.VigilStreams;
import dev.vigil.worker.WorkerConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hostile inputs of issue #19 against a running pipeline on the real broker (clip windows, an encoder worker,
 * TokenMemory and the API in one process): a frame from two hours in the future, a camera definition whose clips
 * could overflow {@code vigil.clips} (400) and a clip that would overflow it on the wire, frames of a camera
 * nobody defined, a corrupt frame in a live clip and more frames in a window than the clip holds. The pipeline
 * keeps making clips for the well-behaved cameras, every bad record is on {@code vigil.dlq} with its reason,
 * and {@code /v1/health} names the Streams application that died.
 */
@RealCluster
class BadInputIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CLIPS = 5;

    @TempDir
    Path dir;

    private final ClusterEndpoints cluster;
    private final SchemaRegistryClient registry;
    private final HttpClient http = HttpClient.newHttpClient();

    BadInputIT(ClusterEndpoints cluster) {
        this.cluster = cluster;
        this.registry = new SchemaRegistryClient(RegistrySettings.of(cluster.registryUrl()));
    }

    @Test
    void badRecordsAreDeadLetteredWithTheirReasonsTheOtherCamerasGoOnAndHealthNamesADeadApp() throws Exception {
        VigilCluster.external(cluster.bootstrapServers(), cluster.registryUrl()).close(); // topics and contracts
        Path bundle = new SeededBundleWriter(SeededBundleWriter.Shape.tiny(), 11).writeTo(dir.resolve("bundle"));
        Clock clock = Clock.systemUTC();
        String run = Long.toHexString(System.nanoTime());
        String steady = "steady-" + run;   // only good frames
        String hostile = "hostile-" + run; // good frames, plus a future one, extras and a corrupt one
        String large = "large-" + run;     // defined with the defaults, sends frames that overflow a clip
        String ghost = "ghost-" + run;     // never defined
        // Grid-aligned and 10 minutes back: well inside both the 5 min future tolerance and the 24 h age limit.
        Instant t0 = Instant.ofEpochMilli((clock.millis() - 600_000) / 2000 * 2000);
        try (CameraDefinitions definitions = new CameraDefinitions(cluster.clientConfig(),
                AvroSerde.forValues(registry, CameraConfig.class).serializer(), clock)) {
            for (String camera : List.of(steady, hostile, large)) {
                definitions.put(camera, "synthcam://1"); // 2 fps, 4 frames per 2 s clip, 448 px
            }
        }

        int apiPort = freePort();
        java.nio.file.Files.createDirectories(dir.resolve("api"));
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Pipeline.Settings settings = new Pipeline.Settings(cluster.bootstrapServers(), registry, dir.resolve("state"),
                bundle, WorkerConfig.defaults("bad-input-" + run), new HostInfo("127.0.0.1", apiPort),
                TokenMemoryConfig.defaults(), Pipeline.Settings.defaultThreads(6));
        try (Pipeline pipeline = Pipeline.start(settings, metrics, clock);
             ApiProcess api = ApiProcess.start(cluster.bootstrapServers(), registry, pipeline.vigilStreams(),
                     dir.resolve("api"), ApiSettings.local(apiPort), Optional.empty(),
                     new BundleQuestionEmbedder(pipeline.encoder()), CameraStatusSource.none(),
                     List.of(pipeline.workerHealth()), metrics, clock, Optional.empty())) {
            String admin = api.firstAdminKey().orElseThrow();
            assertThat(pipeline.awaitRunning(Duration.ofSeconds(60))).isTrue();

            // A 1080p camera with 8 frames per clip could make 8 x 2 MiB clips: refused before it exists.
            HttpResponse<String> refused = post("/v1/cameras", admin, "{\"id\":\"fullhd-" + run + "\",\"url\":"
                    + "\"synthcam://1\",\"resizeLongest\":1920,\"clipFrames\":8}");
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(refused.body()).path("detail").asText()).contains("clipFrames 8")
                    .contains("vigil.clips").contains("use clipFrames <= 3");

            sendFrames(t0, steady, hostile, large, ghost, clock);

            // The well-behaved cameras get all their clips encoded, the hostile one too (the corrupt frame aside).
            Map<String, List<ClipTokens>> tokens = readTokens(Set.of(steady, hostile), CLIPS, Duration.ofSeconds(90));
            long first = t0.toEpochMilli() / 2000;
            List<Long> expected = LongStream.range(first, first + CLIPS).boxed().toList();
            assertThat(tokens.get(steady)).extracting(ClipTokens::getClipIndex).containsExactlyElementsOf(expected);
            assertThat(tokens.get(hostile)).extracting(ClipTokens::getClipIndex).containsExactlyElementsOf(expected);
            ClipTokens withoutCorrupt = tokens.get(hostile).get(2);
            assertThat(withoutCorrupt.getFrameTimes()).hasSize(3).doesNotContain(t0.plusMillis(9 * 500));
            assertThat(withoutCorrupt.getPartial()).isTrue();

            List<String> reasons = readReasons(Set.of(steady, hostile, large, ghost), r -> r.size() >= 9, Duration.ofSeconds(60));
            assertThat(reasons).filteredOn(r -> r.contains("event time out of range")).singleElement()
                    .satisfies(r -> assertThat(r).contains(hostile).contains("ahead"));
            assertThat(reasons).filteredOn(r -> r.contains("extra frame")).hasSize(2)
                    .allSatisfy(r -> assertThat(r).contains(hostile).contains("clipFrames 4"));
            assertThat(reasons).filteredOn(r -> r.contains("left out of clip")).singleElement()
                    .satisfies(r -> assertThat(r).contains("not a decodable").contains(hostile + "#" + (first + 2)));
            assertThat(reasons).filteredOn(r -> r.contains("unknown camera")).hasSize(4)
                    .allSatisfy(r -> assertThat(r).contains(ghost));
            assertThat(reasons).filteredOn(r -> r.contains("oversize clip")).singleElement()
                    .satisfies(r -> assertThat(r).contains(large).contains("vigil.clips"));
            assertThat(reasons).noneMatch(r -> r.contains(steady));
            assertThat(readTokens(Set.of(ghost), 1, Duration.ofSeconds(1)).get(ghost))
                    .as("an undefined camera's frames are never encoded or stored").isEmpty();

            JsonNode up = awaitHealth(200, Duration.ofSeconds(30));
            assertThat(up.path("components").path("clips").path("status").asText()).isEqualTo("UP");
            assertThat(up.path("components").path("encoder-workers").path("status").asText()).isEqualTo("UP");

            StreamsApplication clipWindows = pipeline.vigilStreams().applications().stream()
                    .filter(a -> a.id().equals(VigilStreams.CLIPS_APPLICATION)).findFirst().orElseThrow();
            clipWindows.streams().close(Duration.ofSeconds(30));
            assertThat(clipWindows.streams().state()).isEqualTo(KafkaStreams.State.NOT_RUNNING);

            JsonNode down = awaitHealth(503, Duration.ofSeconds(10));
            assertThat(down.path("status").asText()).isEqualTo("DOWN");
            assertThat(down.path("components").path("clips").path("status").asText()).isEqualTo("DOWN");
            assertThat(down.path("components").path("clips").path("problem").asText()).contains("vigil-clips")
                    .contains("dead").contains("NOT_RUNNING");
            assertThat(down.path("components").path("store").path("status").asText()).isEqualTo("UP");
        }
    }

    /**
     * 2 fps for {@code CLIPS} clips of 2 s on the steady and hostile cameras; the hostile one also sends a frame
     * stamped two hours ahead (its record time is now, as a forged producer would send it), two extra frames in
     * its second clip and a corrupt JPEG as frame 9 (in its third clip); the large camera sends 2 MiB frames; the
     * ghost camera four good frames.
     */
    private void sendFrames(Instant t0, String steady, String hostile, String large, String ghost, Clock clock)
            throws Exception {
        AvroSerde<Frame> frames = AvroSerde.forValues(registry, Frame.class);
        Map<String, Object> config = new HashMap<>(cluster.clientConfig());
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 << 20);
        List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            Sender send = (camera, seq, eventTime, recordTime, jpeg) -> sent.add(producer.send(new ProducerRecord<>(
                    Topics.FRAMES, null, recordTime.toEpochMilli(), camera, frames.serializer().serialize(Topics.FRAMES,
                            Frame.newBuilder().setCameraId(camera).setSeq(seq).setEventTime(eventTime)
                                    .setIngestTime(eventTime).setWidth(32).setHeight(24).setJpeg(ByteBuffer.wrap(jpeg)).build()))));
            for (int i = 0; i < CLIPS * 4; i++) {
                Instant t = t0.plusMillis(500L * i);
                send.frame(steady, i, t, t, jpeg(i));
                send.frame(hostile, i, t, t, i == 9 ? "not a jpeg".getBytes(StandardCharsets.UTF_8) : jpeg(100 + i));
                if (i == 4) {
                    send.frame(hostile, 1000, clock.instant().plus(Duration.ofHours(2)), clock.instant(), jpeg(7));
                    // two more frames inside the second clip [t0 + 2 s, t0 + 4 s), which holds four
                    send.frame(hostile, 1001, t.plusMillis(100), t.plusMillis(100), jpeg(8));
                    send.frame(hostile, 1002, t.plusMillis(200), t.plusMillis(200), jpeg(9));
                }
            }
            for (int i = 0; i < 4; i++) {
                Instant t = t0.plusMillis(500L * i);
                send.frame(ghost, i, t, t, jpeg(200 + i));
                // a decodable JPEG padded to just under the 2 MiB frame limit: four do not fit one 8 MiB clip
                send.frame(large, i, t, t, Arrays.copyOf(jpeg(300 + i), (2 << 20) - 8192));
            }
            producer.flush();
        }
        for (var f : sent) {
            f.get(); // every frame is accepted by the broker: what follows is the pipeline's doing
        }
    }

    private interface Sender {
        void frame(String camera, long seq, Instant eventTime, Instant recordTime, byte[] jpeg);
    }

    private static byte[] jpeg(long seed) throws IOException {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(32, 24, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 24; y++) {
            for (int x = 0; x < 32; x++) {
                image.setRGB(x, y, random.nextInt(0xffffff));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }

    private Map<String, List<ClipTokens>> readTokens(Set<String> cameras, int each, Duration timeout) {
        AvroSerde<ClipTokens> serde = AvroSerde.forValues(registry, ClipTokens.class);
        Map<String, List<ClipTokens>> found = new HashMap<>();
        cameras.forEach(c -> found.put(c, new ArrayList<>()));
        read(Topics.CLIP_TOKENS, cameras, () -> found.values().stream().allMatch(l -> l.size() >= each), timeout,
                r -> found.get(r.key()).add(serde.deserializer().deserialize(r.topic(), r.value())));
        return found;
    }

    private List<String> readReasons(Set<String> cameras, Predicate<List<String>> enough, Duration timeout) {
        List<String> reasons = new ArrayList<>();
        read(Topics.DLQ, cameras, () -> enough.test(reasons), timeout, r -> reasons.add(new String(
                r.headers().lastHeader(DeadLetters.HEADER_REASON).value(), StandardCharsets.UTF_8)));
        return reasons;
    }

    /** Committed records of {@code topic} keyed by one of {@code cameras}, until {@code done} (then 2 s more for extras). */
    private void read(String topic, Set<String> cameras, java.util.function.BooleanSupplier done, Duration timeout,
                      java.util.function.Consumer<ConsumerRecord<String, byte[]>> sink) {
        Map<String, Object> config = new HashMap<>(cluster.clientConfig());
        config.put("isolation.level", "read_committed");
        config.put("max.partition.fetch.bytes", 16 << 20);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            long extraUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, extraUntil)) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(300))) {
                    if (r.key() != null && cameras.contains(r.key())) {
                        sink.accept(r);
                    }
                }
                if (done.getAsBoolean() && extraUntil == Long.MAX_VALUE) {
                    extraUntil = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                }
            }
        }
    }

    private JsonNode awaitHealth(int status, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpResponse<String> last;
        do {
            last = http.send(HttpRequest.newBuilder(URI.create(base() + "/v1/health")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (last.statusCode() == status) {
                return JSON.readTree(last.body());
            }
            Thread.sleep(250);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("/v1/health did not answer " + status + " within " + timeout + "; last: "
                + last.statusCode() + " " + last.body());
    }

    private HttpResponse<String> post(String path, String key, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path)).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private int port;

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
            return port;
        }
    }
}
