package dev.vigil.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.api.auth.ApiKeys;
import dev.vigil.api.auth.Scope;
import dev.vigil.api.cameras.CameraStatus;
import dev.vigil.api.ask.AskResponse;
import dev.vigil.api.ask.EvidenceSelection;
import dev.vigil.api.ask.QuestionAnswering;
import dev.vigil.api.llm.Llm;
import dev.vigil.api.llm.LlmAnswer;
import dev.vigil.api.llm.LlmPrompt;
import dev.vigil.api.llm.LlmSettings;
import dev.vigil.api.llm.TokenReading;
import dev.vigil.api.memory.ClipId;
import dev.vigil.api.memory.MemoryQueryJson;
import dev.vigil.api.memory.MomentTokens;
import dev.vigil.api.memory.MomentTokensQuery;
import dev.vigil.api.llm.OpenAiCompatibleLlm;
import dev.vigil.schema.CameraConfig;
import dev.vigil.schema.ClipTokens;
import dev.vigil.schema.Topics;
import dev.vigil.schema.registry.RegistrySettings;
import dev.vigil.schema.registry.SchemaRegistryClient;
import dev.vigil.schema.serde.AvroDeserializer;
import dev.vigil.schema.serde.AvroSerde;
import dev.vigil.state.TokenMemoryConfig;
import dev.vigil.testkit.ClusterEndpoints;
import dev.vigil.testkit.HeadlessChromium;
import dev.vigil.testkit.RealCluster;
import dev.vigil.topologies.memory.MemoryQueries;
import dev.vigil.topologies.memory.TokenMemoryTopology;
import dev.vigil.topologies.watch.WatchTopology;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The query API end to end on a real broker and registry: a real exactly-once Kafka Streams app with
 * TokenMemory and the watch topology, fed real ClipTokens (Avro, Confluent wire) with known concept embeddings
 * and real JPEG keyframes; every request goes over HTTP.
 */
@RealCluster
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiIT {
    static final ObjectMapper JSON = new ObjectMapper();
    /** Clips of camera A (index → concept): a car at 5, people otherwise. */
    static final List<String> SCENE_A = List.of("person", "person", "person", "person", "person", "car", "person", "person", "person", "person");
    static final List<String> SCENE_B = List.of("dog", "dog", "car", "dog", "dog", "dog");

    final ClusterEndpoints cluster;
    final String run = UUID.randomUUID().toString().substring(0, 8);
    final String camA = "cam-a-" + run;
    final String camB = "cam-b-" + run;
    final long t0 = System.currentTimeMillis() - 120_000;
    final HttpClient http = HttpClient.newHttpClient();
    final ConceptEmbedder embedder = new ConceptEmbedder();

    Path dir;
    SchemaRegistryClient registry;
    KafkaStreams streams;
    ApiServices services;
    ApiServer server;
    String base;
    String admin;
    String keyA;
    String keyB;
    String readOnly;
    String adminA;
    KafkaProducer<String, ClipTokens> clips;

    ApiIT(ClusterEndpoints cluster) {
        this.cluster = cluster;
    }

    @BeforeAll
    void start(@TempDir Path tempDir) throws Exception {
        dir = tempDir;
        registry = new SchemaRegistryClient(RegistrySettings.of(cluster.registryUrl()));
        try (Admin a = Admin.create(cluster.clientConfig())) {
            Topics.singleBroker().ensure(a, Duration.ofSeconds(60));
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Topology topology = TokenMemoryTopology.addTo(new Topology(), registry, TokenMemoryConfig.defaults(), metrics);
        WatchTopology.addTo(topology, registry, WatchTopology.MEMORY_CLIP_SOURCE, metrics);
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "api-it-" + run);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        p.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("streams").toString());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, "127.0.0.1:" + port);
        streams = new KafkaStreams(topology, p);
        streams.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            assertThat(System.nanoTime()).as("Streams RUNNING, is " + streams.state()).isLessThan(deadline);
            Thread.sleep(100);
        }

        ApiKeys keys = ApiKeys.connect(cluster.clientConfig(), Clock.systemUTC());
        admin = keys.generateAdmin("test admin").plaintext();
        keyA = keys.create("camera A only", Set.of(Scope.READ, Scope.ASK), List.of(camA), Map.of(), Optional.empty()).plaintext();
        keyB = keys.create("site B by label", Set.of(Scope.READ, Scope.ASK), List.of(), Map.of("site", "b-" + run), Optional.empty()).plaintext();
        readOnly = keys.create("reader", Set.of(Scope.READ), List.of("*"), Map.of(), Optional.empty()).plaintext();
        adminA = keys.create("admin of camera A", Set.of(Scope.READ, Scope.ASK, Scope.ADMIN), List.of(camA), Map.of(),
                Optional.empty()).plaintext();
        // what ingest registers in vigil up's shared registry: series labelled with a camera
        metrics.counter("vigil.ingest.frames.sent", "camera", camA).increment();
        metrics.counter("vigil.ingest.frames.sent", "camera", camB).increment();
        Admin kafkaAdmin = Admin.create(cluster.clientConfig());
        services = ApiServices.connect(cluster.clientConfig(), registry, new MemoryQueries(streams, new HostInfo("127.0.0.1", port)),
                keys, embedder, id -> id.equals(camA) ? Optional.of(new CameraStatus("streaming", 2.0, 150, t0, null)) : Optional.empty(),
                Optional.empty(), "http", "instance-" + run,
                List.of(new KafkaHealth(kafkaAdmin), new RegistryHealth(cluster.registryUrl()), new StreamsHealth(streams)), metrics);
        server = new ApiServer(ApiSettings.local(port), services, Clock.systemUTC());
        server.start();
        base = "http://127.0.0.1:" + port;

        assertThat(send("POST", "/v1/cameras", admin, "{\"id\":\"" + camA + "\",\"url\":\"synthcam://1\",\"labels\":{\"site\":\"a-" + run + "\"}}").statusCode()).isEqualTo(201);
        assertThat(send("POST", "/v1/cameras", admin, "{\"id\":\"" + camB + "\",\"url\":\"rtsp://user:secret@10.0.0.9/stream\",\"labels\":{\"site\":\"b-" + run + "\"}}").statusCode()).isEqualTo(201);

        clips = new KafkaProducer<>(cluster.clientConfig(), new StringSerializer(), AvroSerde.forValues(registry, ClipTokens.class).serializer());
        for (int i = 0; i < SCENE_A.size(); i++) {
            produce(TestClips.clip(camA, i, t0 + i * TestClips.CLIP_MILLIS, SCENE_A.get(i)));
        }
        for (int i = 0; i < SCENE_B.size(); i++) {
            produce(TestClips.clip(camB, i, t0 + i * TestClips.CLIP_MILLIS, SCENE_B.get(i)));
        }
        awaitJson("/v1/cameras/" + camA + "/timeline", admin, j -> j.path("clips").size() == SCENE_A.size());
        awaitJson("/v1/cameras/" + camB + "/timeline", admin, j -> j.path("clips").size() == SCENE_B.size());
    }

    @AfterAll
    void stop() {
        if (clips != null) {
            clips.close();
        }
        if (server != null) {
            server.close();
        }
        if (services != null) {
            services.close();
        }
        if (streams != null) {
            streams.close(Duration.ofSeconds(30));
        }
    }

    // ---------------------------------------------------------------- ask, search, timeline, keyframes

    @Test
    void askFindsThePlantedMomentAndWithoutAnLlmAnswersFromEvidenceOnly() throws Exception {
        JsonNode a = json(send("POST", "/v1/ask", admin, "{\"question\":\"when did a car pass?\",\"cameras\":[\"" + camA + "\"],\"budget\":48,\"from\":" + t0 + ",\"to\":" + (t0 + 19_999) + "}"), 200);
        assertThat(a.path("llm").asText()).isEqualTo("none");
        assertThat(a.path("model").asText()).isEqualTo("concepts-v1");
        assertThat(a.path("answer").asText()).contains("No LLM is configured").contains("seen once").contains(camA)
                .contains(Instant.ofEpochMilli(t0 + 5 * 2_000).toString());
        // the car's clip is the one event above the default threshold; the answer cites its times
        assertThat(a.path("threshold").asDouble()).isEqualTo(0.5);
        JsonNode events = a.path("events");
        assertThat(events.size()).isEqualTo(1);
        assertThat(events.get(0).path("start").asText()).isEqualTo(Instant.ofEpochMilli(t0 + 10_000).toString());
        assertThat(events.get(0).path("probability").asDouble()).isGreaterThan(0.99);
        assertThat(events.get(0).path("peak").path("clipId").asText()).isEqualTo("5-" + (t0 + 10_000));
        assertThat(a.path("answer").asText()).contains(events.get(0).path("end").asText());
        JsonNode evidence = a.path("evidence");
        assertThat(evidence.size()).isBetween(2, 6);
        List<String> starts = new ArrayList<>();
        evidence.forEach(e -> starts.add(e.path("start").asText()));
        assertThat(starts).isSorted();
        assertThat(evidence.findValuesAsText("clipId")).contains("5-" + (t0 + 10_000));
        assertThat(a.path("tokens").path("selected").asInt()).isLessThanOrEqualTo(48).isEqualTo(evidence.size() * TestClips.TOKENS);
        assertThat(a.path("tokens").path("available").asInt()).isEqualTo(SCENE_A.size() * TestClips.TOKENS);
        assertThat(a.path("cameras").get(0).path("camera").asText()).isEqualTo(camA);
        assertThat(a.path("cameras").get(0).path("frames").asLong()).isGreaterThanOrEqualTo(SCENE_A.size() * 4L); // the running mean counts every clip so far
    }

    @Test
    void somethingThatNeverAppearedIsNotSeenInTheWindow() throws Exception {
        JsonNode a = json(send("POST", "/v1/ask", admin, "{\"question\":\"when did a truck pass?\",\"cameras\":[\"" + camA
                + "\"],\"from\":" + t0 + ",\"to\":" + (t0 + 19_999) + "}"), 200);
        assertThat(a.path("events").size()).isZero();
        assertThat(a.path("answer").asText()).contains("\"when did a truck pass?\": not seen between "
                + Instant.ofEpochMilli(t0) + " and " + Instant.ofEpochMilli(t0 + 19_999)).contains("no stored moment reaches relevance 0.50");
        assertThat(a.path("evidence").size()).as("the context still shows the window").isPositive();
        assertThat(a.path("evidence").findValues("probability")).allMatch(p -> p.asDouble() < 0.5);
        // a threshold is a probability
        assertThat(send("POST", "/v1/ask", admin, "{\"question\":\"a car\",\"threshold\":1.5}").statusCode()).isEqualTo(400);
    }

    @Test
    void searchRanksMomentsAcrossCameras() throws Exception {
        JsonNode s = json(send("GET", "/v1/search?q=car&limit=3&cameras=" + camA + "," + camB, admin, null), 200);
        JsonNode top = s.path("results");
        assertThat(top.size()).isEqualTo(3);
        assertThat(Set.of(top.get(0).path("clipId").asText(), top.get(1).path("clipId").asText()))
                .containsExactlyInAnyOrder("5-" + (t0 + 10_000), "2-" + (t0 + 4_000));
        assertThat(top.get(0).path("score").asDouble()).isGreaterThan(0.99);
        assertThat(top.get(2).path("score").asDouble()).isLessThan(0.1);
    }

    @Test
    void timelineKeyframesAndLiveThumbnail() throws Exception {
        JsonNode t = json(send("GET", "/v1/cameras/" + camA + "/timeline?from=" + t0 + "&to=" + (t0 + 7_000), admin, null), 200);
        assertThat(t.path("clips").findValuesAsText("clipId")).containsExactly("0-" + t0, "1-" + (t0 + 2_000), "2-" + (t0 + 4_000), "3-" + (t0 + 6_000));
        String url = t.path("clips").get(1).path("keyframeUrl").asText();
        HttpResponse<byte[]> jpeg = sendBytes(url, admin);
        assertThat(jpeg.statusCode()).isEqualTo(200);
        assertThat(jpeg.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("image/jpeg"));
        assertThat(ImageIO.read(new ByteArrayInputStream(jpeg.body())).getWidth()).isEqualTo(160);
        HttpResponse<byte[]> live = sendBytes("/v1/cameras/" + camB + "/live.jpg", admin);
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(live.headers().firstValue("X-Vigil-Clip")).hasValue((SCENE_B.size() - 1) + "-" + (t0 + (SCENE_B.size() - 1) * 2_000L));
        assertThat(ImageIO.read(new ByteArrayInputStream(live.body()))).isNotNull();
    }

    // ---------------------------------------------------------------- stored tokens, for a model that reads them

    @Test
    void momentTokensAreReadHereAndThroughTheInternalRouteAlikeCutToWhatIsAsked() throws Exception {
        ClipId car = new ClipId(5, t0 + 10_000);
        MomentTokens local = services.memory().tokens(camA, car, 64, 4).orElseThrow();
        assertThat(local.modelId()).isEqualTo("concepts-v1");
        assertThat(local.tokens().count()).isEqualTo(TestClips.TOKENS);
        assertThat(local.tokens().dim()).isEqualTo(ConceptEmbedder.DIM);
        assertThat(local.frameEmbeddings().count()).isEqualTo(TestClips.FRAMES);
        assertThat(local.tokens().row(TestClips.TOKENS - 1)).containsExactly(ConceptEmbedder.concept("car"));
        assertThat(local.frameEmbeddings().row(0)).containsExactly(ConceptEmbedder.concept("car"));

        MomentTokens cut = services.memory().tokens(camA, car, 3, 2).orElseThrow();
        assertThat(cut.tokens().count()).isEqualTo(3);
        assertThat(cut.frameEmbeddings().count()).isEqualTo(2);
        assertThat(cut.tokens().row(2)).containsExactly(local.tokens().row(2));

        // what another instance sends when it forwards the read here, and what it reads back
        MemoryQueryJson wire = new MemoryQueryJson(JSON);
        HttpResponse<String> forwarded = http.send(HttpRequest.newBuilder(URI.create(base + "/internal/v1/memory"))
                .header("Content-Type", "application/json").header("X-Vigil-Forwarded", "instance-" + run)
                .POST(HttpRequest.BodyPublishers.ofByteArray(wire.write(MomentTokensQuery.of(camA, car, 64, 4)))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(forwarded.statusCode()).as(forwarded.body()).isEqualTo(200);
        assertThat(JSON.readTree(forwarded.body()).path("tokens").path("fp16").isTextual()).as("base64 fp16").isTrue();
        assertThat(JSON.readValue(forwarded.body(), MomentTokens.class)).isEqualTo(local);
        HttpResponse<String> gone = http.send(HttpRequest.newBuilder(URI.create(base + "/internal/v1/memory"))
                .header("Content-Type", "application/json").header("X-Vigil-Forwarded", "instance-" + run)
                .POST(HttpRequest.BodyPublishers.ofByteArray(wire.write(new MomentTokensQuery(camA, 99, t0 - 60_000, 64, 4))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(gone.body()).isEqualTo("null");
        assertThat(services.memory().tokens(camA, new ClipId(99, t0 - 60_000), 64, 4)).isEmpty();
    }

    @Test
    void aModelThatReadsTokensIsGivenTheChosenEventsPeakTokensInTimeOrderAndNoKeyframes() {
        TokenReader reader = new TokenReader(new TokenReading(4, 64, 4));
        QuestionAnswering answering = new QuestionAnswering(services.memory(), embedder, Optional.of(reader),
                EvidenceSelection.balanced());
        QuestionAnswering.Prepared prepared = answering.prepare("when did a car pass?", List.of(),
                new java.util.LinkedHashSet<>(List.of(camA, camB)), new TimeWindow(t0, t0 + 19_999), 48, 0.5, id -> true);
        AskResponse a = answering.answer(prepared);
        assertThat(a.llm()).isEqualTo("token reader");
        assertThat(a.answer()).isEqualTo("2 events");

        LlmPrompt prompt = reader.prompts.get(0);
        // camera B's car (clip 2) comes before camera A's (clip 5)
        assertThat(prompt.tokens()).extracting(t -> t.event().camera()).containsExactly(camB, camA);
        assertThat(prompt.tokens()).extracting(t -> t.event().start()).containsExactly(t0 + 4_000, t0 + 10_000);
        for (LlmPrompt.EventTokens t : prompt.tokens()) {
            assertThat(t.modelId()).isEqualTo("concepts-v1");
            assertThat(t.tokenCount()).isEqualTo(TestClips.TOKENS);
            assertThat(t.frameCount()).isEqualTo(TestClips.FRAMES);
            assertThat(t.dim()).isEqualTo(ConceptEmbedder.DIM);
            assertThat(java.util.Arrays.copyOfRange(t.tokens(), 0, ConceptEmbedder.DIM)).containsExactly(ConceptEmbedder.concept("car"));
        }
        assertThat(prompt.moments()).isNotEmpty().allMatch(m -> m.keyframe() == null);

        // given one event, the model gets the more probable; here they tie, and the later one wins
        TokenReader one = new TokenReader(new TokenReading(1, 2, 1));
        new QuestionAnswering(services.memory(), embedder, Optional.of(one), EvidenceSelection.balanced()).answer(prepared);
        LlmPrompt.EventTokens only = one.prompts.get(0).tokens().get(0);
        assertThat(one.prompts.get(0).tokens()).hasSize(1);
        assertThat(only.event().camera()).isEqualTo(camA);
        assertThat(only.tokenCount()).isEqualTo(2);
        assertThat(only.frameCount()).isEqualTo(1);
    }

    /** A model behind the Llm port that reads tokens, as the built-in one does: it records its prompts and counts events. */
    static final class TokenReader implements Llm {
        final TokenReading reading;
        final List<LlmPrompt> prompts = new java.util.concurrent.CopyOnWriteArrayList<>();

        TokenReader(TokenReading reading) {
            this.reading = reading;
        }

        @Override
        public String describe() {
            return "token reader";
        }

        @Override
        public LlmAnswer complete(LlmPrompt prompt) {
            prompts.add(prompt);
            return new LlmAnswer(prompt.tokens().size() + " events", "token-reader", 0, 0);
        }

        @Override
        public void stream(LlmPrompt prompt, java.util.function.Consumer<String> data) {
            data.accept("[DONE]");
        }

        @Override
        public Optional<TokenReading> tokenReading() {
            return Optional.of(reading);
        }

        @Override
        public boolean readsKeyframes() {
            return false;
        }
    }

    // ---------------------------------------------------------------- cameras

    @Test
    void cameraCrudWritesRecordsToTheCamerasTopic() throws Exception {
        String id = "cam-c-" + run;
        assertThat(send("POST", "/v1/cameras", admin, "{\"id\":\"" + id + "\",\"url\":\"synthcam://7\",\"fps\":1.5}").statusCode()).isEqualTo(201);
        assertThat(send("POST", "/v1/cameras", admin, "{\"id\":\"" + id + "\",\"url\":\"synthcam://7\"}").statusCode()).isEqualTo(409);
        JsonNode put = json(send("PUT", "/v1/cameras/" + id, admin, "{\"url\":\"rtsp://u:p@cam/x\",\"fps\":4,\"labels\":{\"floor\":\"2\"}}"), 200);
        assertThat(put.path("url").asText()).isEqualTo("rtsp://***@cam/x");
        JsonNode got = json(send("GET", "/v1/cameras/" + id, admin, null), 200);
        assertThat(got.path("fps").asDouble()).isEqualTo(4.0);
        assertThat(got.path("labels").path("floor").asText()).isEqualTo("2");
        assertThat(got.path("status").path("state").asText()).isEqualTo("unknown");
        JsonNode a = json(send("GET", "/v1/cameras/" + camA, admin, null), 200);
        assertThat(a.path("status").path("state").asText()).isEqualTo("streaming");
        assertThat(a.path("memory").path("entries").asInt()).isEqualTo(SCENE_A.size());
        // the newest clip in memory ended at t0 + 20 s; its age is measured against this instance's clock
        assertThat(a.path("memory").path("ageSeconds").asDouble())
                .isCloseTo((System.currentTimeMillis() - Instant.parse(a.path("memory").path("newest").asText()).toEpochMilli()) / 1000.0,
                        org.assertj.core.api.Assertions.within(30.0)).isPositive();
        assertThat(send("DELETE", "/v1/cameras/" + id, admin, null).statusCode()).isEqualTo(204);
        assertThat(send("GET", "/v1/cameras/" + id, admin, null).statusCode()).isEqualTo(404);

        List<ConsumerRecord<String, byte[]>> records = readAll(Topics.CAMERAS, id);
        assertThat(records).hasSize(3);
        AvroDeserializer<CameraConfig> configs = new AvroDeserializer<>(registry, CameraConfig.class);
        assertThat(configs.deserialize(Topics.CAMERAS, records.get(0).value()).getFps()).isEqualTo(1.5);
        assertThat(configs.deserialize(Topics.CAMERAS, records.get(1).value()).getUrl()).isEqualTo("rtsp://u:p@cam/x");
        assertThat(records.get(2).value()).as("tombstone").isNull();
    }

    // ---------------------------------------------------------------- watches and SSE

    @Test
    void aWatchFiresOnAPlantedClipAndSseDeliversItOnlyToKeysThatSeeTheCamera() throws Exception {
        JsonNode w = json(send("POST", "/v1/watches", admin, "{\"question\":\"a bicycle\",\"cameras\":[\"" + camA + "\"],\"threshold\":0.9,\"cooldown\":\"30s\"}"), 201);
        String watchId = w.path("id").asText();
        assertThat(w.path("threshold").asDouble()).isEqualTo(0.9); // a probability; the cosine it stands for:
        assertThat(w.path("similarity").asDouble()).isCloseTo((Math.log(9) + 4) / 12, org.assertj.core.api.Assertions.within(1e-4));
        // on both cameras: key A sees camera A but cannot list this watch, so it must not get its alerts (the
        // alert carries the question) even when they are about camera A
        String bothId = json(send("POST", "/v1/watches", admin, "{\"question\":\"a bicycle on either camera\",\"cameras\":[\""
                + camA + "\",\"" + camB + "\"],\"threshold\":0.9,\"cooldown\":\"30s\"}"), 201).path("id").asText();
        assertThat(json(send("GET", "/v1/watches", keyA, null), 200).findValuesAsText("id")).contains(watchId).doesNotContain(bothId);
        assertThat(json(send("GET", "/v1/watches", keyB, null), 200).findValuesAsText("id")).doesNotContain(watchId);
        Thread.sleep(1_000); // the global watch store reads vigil.watches

        BlockingQueue<JsonNode> adminEvents = sse(admin);
        BlockingQueue<JsonNode> bEvents = sse(keyB);
        BlockingQueue<JsonNode> aEvents = sse(keyA);
        long t = t0 + 20 * 2_000L;
        produce(TestClips.clip(camA, 20, t, "person"));
        produce(TestClips.clip(camA, 21, t + 2_000, "bicycle"));
        produce(TestClips.clip(camA, 22, t + 4_000, "bicycle")); // within the cooldown: no second alert
        produce(TestClips.clip(camA, 23, t + 6_000, "person"));

        JsonNode alert = null;
        JsonNode bothAlert = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while ((alert == null || bothAlert == null) && System.nanoTime() < deadline) {
            JsonNode e = adminEvents.poll(1, TimeUnit.SECONDS);
            if (e != null && e.path("watchId").asText().equals(watchId)) {
                alert = e;
            }
            if (e != null && e.path("watchId").asText().equals(bothId)) {
                bothAlert = e;
            }
        }
        assertThat(alert).as("alert for the planted bicycle clip").isNotNull();
        assertThat(bothAlert).as("the watch on both cameras fired too").isNotNull();
        assertThat(bothAlert.path("camera").asText()).isEqualTo(camA);
        assertThat(alert.path("camera").asText()).isEqualTo(camA);
        assertThat(alert.path("evidence").get(0).path("clipId").asText()).isEqualTo("21-" + (t + 2_000));
        assertThat(alert.path("score").asDouble()).isGreaterThan(0.99);
        assertThat(alert.path("probability").asDouble()).isGreaterThan(0.9).isEqualTo(alert.path("evidence").get(0).path("probability").asDouble());
        String keyframe = alert.path("evidence").get(0).path("keyframeUrl").asText();
        assertThat(sendBytes(keyframe, admin).statusCode()).isEqualTo(200);
        assertThat(sendBytes(keyframe, keyB).statusCode()).isEqualTo(403);

        Thread.sleep(3_000);
        List<JsonNode> more = new ArrayList<>();
        adminEvents.drainTo(more);
        assertThat(more).noneMatch(e -> e.path("watchId").asText().equals(watchId)); // cooldown held for clip 22
        List<JsonNode> seenByB = new ArrayList<>();
        bEvents.drainTo(seenByB);
        assertThat(seenByB).noneMatch(e -> e.path("camera").asText().equals(camA));
        List<JsonNode> seenByA = new ArrayList<>();
        aEvents.drainTo(seenByA);
        assertThat(seenByA).as("key A gets the alerts of the watch it can list").anyMatch(e -> e.path("watchId").asText().equals(watchId));
        assertThat(seenByA).as("and none of the watch it cannot list").noneMatch(e -> e.path("watchId").asText().equals(bothId));
        assertThat(send("DELETE", "/v1/watches/" + bothId, admin, null).statusCode()).isEqualTo(204);

        List<ConsumerRecord<String, byte[]>> onTopic = readAll(Topics.ALERTS, camA);
        assertThat(onTopic).anySatisfy(r -> assertThat(new String(r.value(), StandardCharsets.UTF_8)).contains(watchId).contains("\"clipIndex\":21"));
        assertThat(send("DELETE", "/v1/watches/" + watchId, keyB, null).statusCode()).isEqualTo(404);
        assertThat(send("DELETE", "/v1/watches/" + watchId, admin, null).statusCode()).isEqualTo(204);
    }

    // ---------------------------------------------------------------- access control

    @Test
    void aKeyScopedToCameraASeesNothingOfCameraB() throws Exception {
        assertThat(json(send("GET", "/v1/cameras", keyA, null), 200).findValuesAsText("id")).containsExactly(camA);
        assertThat(json(send("GET", "/v1/cameras", keyB, null), 200).findValuesAsText("id")).containsExactly(camB);
        for (String path : List.of("/v1/cameras/" + camB, "/v1/cameras/" + camB + "/timeline", "/v1/cameras/" + camB + "/live.jpg",
                "/v1/cameras/" + camB + "/clips/2-" + (t0 + 4_000) + "/keyframe.jpg", "/v1/search?q=car&cameras=" + camB)) {
            HttpResponse<String> r = send("GET", path, keyA, null);
            assertThat(r.statusCode()).as(path).isEqualTo(403);
            assertThat(JSON.readTree(r.body()).path("detail").asText()).contains(camB);
        }
        assertThat(send("POST", "/v1/ask", keyA, "{\"question\":\"car\",\"cameras\":[\"" + camB + "\"]}").statusCode()).isEqualTo(403);
        JsonNode all = json(send("POST", "/v1/ask", keyA, "{\"question\":\"car\",\"cameras\":\"*\"}"), 200);
        assertThat(all.path("evidence").findValuesAsText("camera")).isNotEmpty().allMatch(camA::equals);
        assertThat(all.path("answer").asText()).doesNotContain(camB);
        JsonNode search = json(send("GET", "/v1/search?q=car", keyA, null), 200);
        assertThat(search.path("results").findValuesAsText("camera")).isNotEmpty().allMatch(camA::equals);
        assertThat(send("POST", "/v1/chat/completions", keyA, "{\"model\":\"" + camB + "\",\"messages\":[{\"role\":\"user\",\"content\":\"car?\"}]}").statusCode()).isEqualTo(403);
        assertThat(json(send("GET", "/v1/models", keyA, null), 200).findValuesAsText("id")).containsExactly("*", camA);
        // no admin scope: no camera changes; no ask scope: no questions
        assertThat(send("POST", "/v1/cameras", keyA, "{\"id\":\"x-" + run + "\",\"url\":\"synthcam://1\"}").statusCode()).isEqualTo(403);
        assertThat(send("DELETE", "/v1/cameras/" + camA, keyA, null).statusCode()).isEqualTo(403);
        assertThat(send("PUT", "/v1/cameras/" + camA, readOnly, "{\"url\":\"synthcam://2\"}").statusCode()).isEqualTo(403);
        assertThat(send("POST", "/v1/ask", readOnly, "{\"question\":\"car\"}").statusCode()).isEqualTo(403);
        assertThat(send("GET", "/v1/cameras", null, null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/v1/cameras", "vgl_nope_nope", null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/v1/cameras?key=" + admin, null, null).statusCode()).as("?key= only on /v1/events").isEqualTo(401);
        // /v1/events without 'Accept: text/event-stream' is a clear 406, not an empty 200
        JsonNode notSse = json(send("GET", "/v1/events", readOnly, null), 406);
        assertThat(notSse.path("detail").asText()).contains("Accept: text/event-stream");
    }

    @Test
    void anAdminKeyScopedToCameraAManagesOnlyCameraA() throws Exception {
        // the escape of issue #19: an admin key of camera A changing, deleting or taking over camera B
        assertError(send("PUT", "/v1/cameras/" + camB, adminA, "{\"url\":\"rtsp://elsewhere/x\"}"), 403, camB);
        assertError(send("DELETE", "/v1/cameras/" + camB, adminA, null), 403, camB);
        assertError(send("POST", "/v1/cameras", adminA, "{\"id\":\"" + camB + "\",\"url\":\"synthcam://1\"}"), 403, camB);
        assertError(send("POST", "/v1/cameras", adminA, "{\"id\":\"new-" + run + "\",\"url\":\"synthcam://1\"}"), 403, "new-" + run);
        JsonNode b = json(send("GET", "/v1/cameras/" + camB, admin, null), 200);
        assertThat(b.path("url").asText()).as("camera B unchanged").isEqualTo("rtsp://***@10.0.0.9/stream");
        assertThat(send("GET", "/v1/cameras/new-" + run, admin, null).statusCode()).isEqualTo(404);
        // its own camera it may change
        JsonNode a = json(send("PUT", "/v1/cameras/" + camA, adminA, "{\"url\":\"synthcam://1\",\"labels\":{\"site\":\"a-" + run + "\"}}"), 200);
        assertThat(a.path("id").asText()).isEqualTo(camA);

        // and it cannot give a new key more sight than its own
        assertError(send("POST", "/v1/keys", adminA, "{\"name\":\"b\",\"scopes\":[\"read\"],\"cameras\":[\"" + camB + "\"]}"), 403, camB);
        assertError(send("POST", "/v1/keys", adminA, "{\"name\":\"all\",\"scopes\":[\"read\"],\"cameras\":\"*\"}"), 403, "every camera");
        assertError(send("POST", "/v1/keys", adminA, "{\"name\":\"l\",\"scopes\":[\"read\"],\"labels\":{\"site\":\"b-" + run + "\"}}"), 403, "label");
        assertError(send("POST", "/v1/keys", keyA, "{\"name\":\"x\",\"scopes\":[\"read\"],\"cameras\":[\"" + camA + "\"]}"), 403, "admin");
        JsonNode mine = json(send("POST", "/v1/keys", adminA, "{\"name\":\"a reader\",\"scopes\":[\"read\"],\"cameras\":[\"" + camA + "\"]}"), 201);
        JsonNode listed = json(send("GET", "/v1/keys", adminA, null), 200).path("keys");
        assertThat(listed.findValuesAsText("id")).contains(mine.path("id").asText());
        listed.forEach(k -> assertThat(k.path("cameras")).as("a scoped admin lists keys within its sight only")
                .extracting(JsonNode::asText).containsOnly(camA));
        assertThat(send("DELETE", "/v1/keys/" + mine.path("id").asText(), adminA, null).statusCode()).isEqualTo(204);
    }

    @Test
    void keysAreCreatedUsedListedRevokedAndExpireOnEveryInstance() throws Exception {
        JsonNode created = json(send("POST", "/v1/keys", admin, "{\"name\":\"ci reader\",\"scopes\":[\"read\"],\"cameras\":[\"" + camA + "\"]}"), 201);
        String key = created.path("key").asText();
        String id = created.path("id").asText();
        assertThat(key).startsWith("vgl_" + id + "_");
        assertThat(created.path("prefix").asText()).isEqualTo("vgl_" + id + "_");
        assertThat(created.path("scopes")).extracting(JsonNode::asText).containsExactly("read");
        assertThat(json(send("GET", "/v1/cameras", key, null), 200).findValuesAsText("id")).containsExactly(camA);
        assertError(send("POST", "/v1/ask", key, "{\"question\":\"car\"}"), 403, "'ask'");

        // a listing shows the id and prefix, never the secret or its hash; the topic holds the hash only
        String secret = key.substring(key.lastIndexOf('_') + 1);
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(key.getBytes(StandardCharsets.UTF_8)));
        HttpResponse<String> list = send("GET", "/v1/keys", admin, null);
        JsonNode listed = null;
        for (JsonNode k : json(list, 200).path("keys")) {
            if (k.path("id").asText().equals(id)) {
                listed = k;
            }
        }
        assertThat(listed).isNotNull();
        assertThat(listed.path("key").isNull()).isTrue();
        assertThat(listed.path("name").asText()).isEqualTo("ci reader");
        assertThat(list.body()).doesNotContain(secret).doesNotContain(sha);
        List<ConsumerRecord<String, byte[]>> stored = readAll(Topics.API_KEYS, id);
        assertThat(stored).hasSize(1);
        assertThat(new String(stored.get(0).value(), StandardCharsets.UTF_8)).contains(sha).doesNotContain(secret);

        // another instance follows the same topic: it knows the key, and learns of its revocation, without a restart
        try (ApiKeys otherInstance = ApiKeys.connect(cluster.clientConfig(), Clock.systemUTC())) {
            assertThat(otherInstance.authenticate(key)).isPresent();
            assertThat(send("DELETE", "/v1/keys/" + id, admin, null).statusCode()).isEqualTo(204);
            assertError(send("GET", "/v1/cameras", key, null), 401, "not known");
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (otherInstance.authenticate(key).isPresent() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(otherInstance.authenticate(key)).as("revoked on the other instance too").isEmpty();
        }
        assertThat(readAll(Topics.API_KEYS, id).get(1).value()).as("a tombstone").isNull();
        assertError(send("DELETE", "/v1/keys/" + id, admin, null), 404, "no key");

        // expiry: refused from its instant on, with a 401 that says so
        JsonNode brief = json(send("POST", "/v1/keys", admin, "{\"name\":\"brief\",\"scopes\":[\"read\"],\"cameras\":\"*\",\"expiresIn\":\"2s\"}"), 201);
        String briefKey = brief.path("key").asText();
        Instant expires = Instant.parse(brief.path("expiresAt").asText());
        assertThat(send("GET", "/v1/cameras", briefKey, null).statusCode()).isEqualTo(200);
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), expires).toMillis()) + 200);
        assertError(send("GET", "/v1/cameras", briefKey, null), 401, "expired at " + expires);
        JsonNode afterwards = json(send("GET", "/v1/keys", admin, null), 200).path("keys");
        afterwards.forEach(k -> {
            if (k.path("id").asText().equals(brief.path("id").asText())) {
                assertThat(k.path("expired").asBoolean()).isTrue();
            }
        });
        assertError(send("POST", "/v1/keys", admin, "{\"name\":\"past\",\"scopes\":[\"read\"],\"cameras\":\"*\",\"expiresAt\":\"2020-01-01T00:00:00Z\"}"), 400, "not in the future");
        assertError(send("POST", "/v1/keys", admin, "{\"name\":\"x\",\"scopes\":[\"root\"],\"cameras\":\"*\"}"), 400, "read, ask or admin");
        assertError(send("POST", "/v1/keys", admin, "{\"name\":\"x\",\"scopes\":[\"read\"]}"), 400, "cameras");
        assertThat(send("DELETE", "/v1/keys/" + brief.path("id").asText(), admin, null).statusCode()).isEqualTo(204);
    }

    @Test
    void oneKeyCannotTakeEveryWatch() throws Exception {
        String asker = json(send("POST", "/v1/keys", admin, "{\"name\":\"asker\",\"scopes\":[\"read\",\"ask\"],\"cameras\":[\"" + camA + "\"]}"), 201)
                .path("key").asText();
        String otherAsker = json(send("POST", "/v1/keys", admin, "{\"name\":\"other asker\",\"scopes\":[\"read\",\"ask\"],\"cameras\":[\"" + camA + "\"]}"), 201)
                .path("key").asText();
        try (ApiServer limited = serverWith(ApiSettings.local(0).withMaxWatchesPerKey(2))) {
            String url = "http://127.0.0.1:" + limited.start();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                ids.add(json(send(url, "POST", "/v1/watches", asker, "{\"question\":\"quota " + i + "\",\"cameras\":[\"" + camA + "\"]}"), 201)
                        .path("id").asText());
            }
            HttpResponse<String> third = send(url, "POST", "/v1/watches", asker, "{\"question\":\"one more\",\"cameras\":[\"" + camA + "\"]}");
            assertError(third, 409, "the limit per key is 2");
            ids.add(json(send(url, "POST", "/v1/watches", otherAsker, "{\"question\":\"another key\",\"cameras\":[\"" + camA + "\"]}"), 201)
                    .path("id").asText()); // another key still can
            assertThat(send(url, "DELETE", "/v1/watches/" + ids.get(0), asker, null).statusCode()).isEqualTo(204);
            ids.add(json(send(url, "POST", "/v1/watches", asker, "{\"question\":\"after a delete\",\"cameras\":[\"" + camA + "\"]}"), 201)
                    .path("id").asText());
            for (String id : ids.subList(1, ids.size())) {
                assertThat(send(url, "DELETE", "/v1/watches/" + id, admin, null).statusCode()).isEqualTo(204);
            }
        }
    }

    @Test
    void cameraUrlsNeverShowCredentials() throws Exception {
        String id = "cam-m-" + run;
        String url = "rtsp://admin:p@ss:w%40rd@10.0.0.7:554/live?token=t0k3n&password=pw1d&channel=2";
        String masked = "rtsp://***@10.0.0.7:554/live?token=***&password=***&channel=2";
        HttpResponse<String> created = send("POST", "/v1/cameras", admin, "{\"id\":\"" + id + "\",\"url\":\"" + url + "\"}");
        HttpResponse<String> one = send("GET", "/v1/cameras/" + id, admin, null);
        HttpResponse<String> all = send("GET", "/v1/cameras", admin, null);
        assertThat(json(created, 201).path("url").asText()).isEqualTo(masked);
        assertThat(json(one, 200).path("url").asText()).isEqualTo(masked);
        for (HttpResponse<String> r : List.of(created, one, all)) {
            assertThat(r.body()).doesNotContain("p@ss").doesNotContain("ss:w").doesNotContain("w%40rd")
                    .doesNotContain("t0k3n").doesNotContain("pw1d");
        }
        AvroDeserializer<CameraConfig> configs = new AvroDeserializer<>(registry, CameraConfig.class);
        assertThat(configs.deserialize(Topics.CAMERAS, readAll(Topics.CAMERAS, id).get(0).value()).getUrl())
                .as("stored as given: ingest needs the credentials").isEqualTo(url);
        assertThat(send("DELETE", "/v1/cameras/" + id, admin, null).statusCode()).isEqualTo(204);
    }

    @Test
    void bodyTypesAreStrictAndErrorsNameTheField() throws Exception {
        String id = "strict-" + run;
        assertError(send("POST", "/v1/cameras", admin, "{\"id\":\"" + id + "\",\"url\":123}"), 400, "field 'url' must be a string");
        assertError(send("POST", "/v1/cameras", admin, "{\"id\":\"" + id + "\",\"url\":\"synthcam://1\",\"fps\":\"5\"}"), 400, "field 'fps' must be a number");
        assertError(send("POST", "/v1/cameras", admin, "{\"id\":\"" + id + "\",\"url\":\"synthcam://1\",\"clipFrames\":4.5}"), 400, "field 'clipFrames' must be a whole number");
        assertError(send("POST", "/v1/cameras", admin, "{\"id\":\"" + id + "\",\"url\":\"synthcam://1\",\"enabled\":\"yes\"}"), 400, "field 'enabled' must be true or false");
        assertError(send("POST", "/v1/cameras", admin, "{\"id\":\"" + id + "\",\"url\":\"synthcam://1\",\"labels\":{\"site\":3}}"), 400, "field 'labels.site' must be a string");
        assertError(send("POST", "/v1/cameras", admin, "{\"id\":7,\"url\":\"synthcam://1\"}"), 400, "field 'id' must be a string");
        assertError(send("POST", "/v1/ask", admin, "{\"question\":42}"), 400, "field 'question' must be a string");
        assertError(send("POST", "/v1/ask", admin, "{\"question\":\"car\",\"from\":1.5}"), 400, "field 'from'");
        assertError(send("POST", "/v1/watches", keyA, "{\"question\":\"x\",\"threshold\":\"0.5\"}"), 400, "field 'threshold' must be a number");
        assertError(send("POST", "/v1/keys", admin, "{\"name\":\"x\",\"scopes\":\"read\",\"cameras\":\"*\"}"), 400, "field 'scopes' must be a list");
        assertThat(send("GET", "/v1/cameras/" + id, admin, null).statusCode()).as("nothing was created").isEqualTo(404);
        // epoch millis as a number stay a documented form of from/to
        assertThat(send("POST", "/v1/ask", admin, "{\"question\":\"car\",\"from\":" + t0 + "}").statusCode()).isEqualTo(200);
    }

    @Test
    void jettysOwnRefusalsAreJsonErrorsToo() throws Exception {
        Map<String, Integer> cases = new java.util.LinkedHashMap<>();
        cases.put("GET /v1/health?q=" + "x".repeat(9_000) + " HTTP/1.1\r\nHost: x\r\n\r\n", 414);
        cases.put("GET /v1/health HTTP/1.1\r\nHost: x\r\nX-Big: " + "y".repeat(9_000) + "\r\n\r\n", 431);
        cases.put("THIS IS NOT HTTP\r\n\r\n", 400);
        cases.put("GET /v1/health HTTP/1.1\r\nHost: x\r\nBad Header: v\r\n\r\n", 400);
        cases.put("GET /v1/health HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n", 400);
        cases.put("GET /v1/%zz HTTP/1.1\r\nHost: x\r\n\r\n", 400);
        cases.put("GET /../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n", 400);
        int port = URI.create(base).getPort();
        for (var c : cases.entrySet()) {
            String label = c.getKey().substring(0, Math.min(40, c.getKey().length()));
            String response = raw(port, c.getKey());
            assertThat(response).as(label).startsWith("HTTP/1.1 " + c.getValue() + " ");
            int split = response.indexOf("\r\n\r\n");
            String headers = response.substring(0, split).toLowerCase(java.util.Locale.ROOT);
            String body = response.substring(split + 4);
            assertThat(headers).as(label).contains("content-type: application/json");
            assertThat(body).as(label).doesNotContain("<html").doesNotContain("Exception").doesNotContain("java.");
            JsonNode error = JSON.readTree(body);
            assertThat(error.path("error").asText()).as(label).isNotEmpty();
            assertThat(error.path("detail").asText()).as(label).isNotEmpty();
        }
        assertThat(JSON.readTree(raw(port, cases.keySet().iterator().next()).split("\r\n\r\n", 2)[1]).path("error").asText())
                .isEqualTo("uri too long");
        assertThat(send("GET", "/v1/health", null, null).statusCode()).as("and it keeps serving").isIn(200, 503);
    }

    /** One request written as raw bytes (what no HTTP client would send), and the whole response. */
    static String raw(int port, String request) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            socket.shutdownOutput();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    // ---------------------------------------------------------------- LLM

    @Test
    void anLlmGetsTheQuestionKeyframesAndTimesAndItsAnswerIsReturned() throws Exception {
        try (LoopbackLlm llm = new LoopbackLlm(); ApiServer withLlm = serverWithLlm(LlmSettings.of(llm.baseUrl(), "loopback-vl"))) {
            String url = "http://127.0.0.1:" + withLlm.start();
            JsonNode a = json(send(url, "POST", "/v1/ask", admin, "{\"question\":\"when did a car pass?\",\"cameras\":[\"" + camA + "\"],\"budget\":24}"), 200);
            assertThat(a.path("answer").asText()).isEqualTo(LoopbackLlm.REPLY);
            assertThat(a.path("llm").asText()).isEqualTo("loopback-vl @ " + llm.baseUrl());
            JsonNode request = llm.requests.get(0);
            assertThat(request.path("model").asText()).isEqualTo("loopback-vl");
            assertThat(request.path("messages").get(0).path("content").asText()).contains("cite");
            JsonNode parts = request.path("messages").get(1).path("content");
            assertThat(parts.get(0).path("text").asText()).contains("Question: when did a car pass?");
            List<String> images = parts.findValuesAsText("url");
            assertThat(images).hasSize(a.path("evidence").size());
            byte[] first = Base64.getDecoder().decode(images.get(0).substring("data:image/jpeg;base64,".length()));
            assertThat(ImageIO.read(new ByteArrayInputStream(first))).isNotNull();
            assertThat(images).allMatch(u -> u.startsWith("data:image/jpeg;base64,"));
            String texts = String.join("\n", parts.findValuesAsText("text"));
            assertThat(texts).contains(Instant.ofEpochMilli(t0 + 10_000).toString()).contains(camA);
            byte[] planted = sendBytes("/v1/cameras/" + camA + "/clips/5-" + (t0 + 10_000) + "/keyframe.jpg", admin).body();
            assertThat(images).contains("data:image/jpeg;base64," + Base64.getEncoder().encodeToString(planted));

            JsonNode chat = json(send(url, "POST", "/v1/chat/completions", admin, "{\"model\":\"" + camA + "\",\"messages\":[{\"role\":\"user\",\"content\":\"car?\"}]}"), 200);
            assertThat(chat.path("choices").get(0).path("message").path("content").asText()).isEqualTo(LoopbackLlm.REPLY);
            HttpResponse<String> streamed = send(url, "POST", "/v1/chat/completions", admin, "{\"model\":\"*\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"car?\"}]}");
            assertThat(streamed.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
            assertThat(streamed.body()).contains("\"content\":\"A car \"").contains("\"content\":\"is visible \"").endsWith("data: [DONE]\n\n");
            assertThat(streamed.body()).as("no usage chunk unless asked").doesNotContain("\"usage\"");
            // The LLM's chunks carry no usage of their own, so with include_usage vigil adds one before [DONE].
            List<String> chunks = send(url, "POST", "/v1/chat/completions", admin, "{\"model\":\"*\",\"stream\":true,"
                    + "\"stream_options\":{\"include_usage\":true},\"messages\":[{\"role\":\"user\",\"content\":\"car?\"}]}")
                    .body().lines().filter(l -> l.startsWith("data: ")).map(l -> l.substring(6)).toList();
            assertThat(chunks.get(chunks.size() - 1)).isEqualTo("[DONE]");
            assertThat(JSON.readTree(chunks.get(chunks.size() - 2)).path("usage").path("total_tokens").asInt()).isPositive();
            assertThat(chunks.stream().filter(c -> c.contains("\"usage\""))).as("exactly one usage chunk").hasSize(1);
        }
    }

    @Test
    void withoutAnLlmChatStreamsTheEvidenceOnlyAnswer() throws Exception {
        HttpResponse<String> r = send("POST", "/v1/chat/completions", admin, "{\"model\":\"" + camA + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"a car\"}]}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("No LLM is configured").contains("chat.completion.chunk").endsWith("data: [DONE]\n\n");
    }

    @Test
    void theOpenAiRoutesRetrieveModelsReportUsageAndAnswerErrorsInOpenAisShape() throws Exception {
        JsonNode model = json(send("GET", "/v1/models/" + camA, admin, null), 200);
        assertThat(model.path("id").asText()).isEqualTo(camA);
        assertThat(model.path("object").asText()).isEqualTo("model");
        assertThat(json(send("GET", "/v1/models/*", admin, null), 200).path("id").asText()).isEqualTo("*");

        HttpResponse<String> missing = send("GET", "/v1/models/no-such-" + run, admin, null);
        assertThat(missing.statusCode()).isEqualTo(404);
        JsonNode error = JSON.readTree(missing.body()).path("error");
        assertThat(error.path("message").asText()).contains("no-such-" + run);
        assertThat(error.path("type").asText()).isEqualTo("not_found_error");
        assertThat(error.path("code").asText()).isEqualTo("model_not_found");

        JsonNode bad = JSON.readTree(send("POST", "/v1/chat/completions", admin, "{\"messages\":[]}").body()).path("error");
        assertThat(bad.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(bad.path("message").asText()).contains("at least one user message");
        JsonNode unauthenticated = JSON.readTree(send("GET", "/v1/models", null, null).body()).path("error");
        assertThat(unauthenticated.path("type").asText()).isEqualTo("authentication_error");
        assertThat(JSON.readTree(send("POST", "/v1/ask", admin, "{}").body()).path("error").isTextual())
                .as("vigil's own routes keep {error, detail}").isTrue();

        JsonNode completion = json(send("POST", "/v1/chat/completions", admin, "{\"model\":\"" + camA
                + "\",\"messages\":[{\"role\":\"user\",\"content\":\"a car\"}]}"), 200);
        assertThat(completion.path("usage").path("total_tokens").asInt()).isPositive();
        HttpResponse<String> streamed = send("POST", "/v1/chat/completions", admin, "{\"model\":\"" + camA
                + "\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"a car\"}]}");
        List<String> chunks = streamed.body().lines().filter(l -> l.startsWith("data: ")).map(l -> l.substring(6)).toList();
        assertThat(chunks.get(chunks.size() - 1)).isEqualTo("[DONE]");
        JsonNode usageChunk = JSON.readTree(chunks.get(chunks.size() - 2));
        assertThat(usageChunk.path("choices")).isEmpty();
        assertThat(usageChunk.path("usage").path("total_tokens").asInt()).isPositive();
        String unasked = send("POST", "/v1/chat/completions", admin, "{\"model\":\"" + camA
                + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"a car\"}]}").body();
        assertThat(unasked).as("no usage chunk unless asked").endsWith("data: [DONE]\n\n").doesNotContain("\"usage\"");
    }

    /**
     * The official {@code openai} npm SDK (6.x, {@code src/test/node}) lists, retrieves, chats and streams with usage
     * against this server, and reads a 404's detail. The test installs the SDK from its lock file when it is not
     * there yet (npm, as the SDK's users would).
     */
    @Test
    void theOfficialOpenAiNodeSdkListsRetrievesChatsAndStreams() throws Exception {
        Path folder = Path.of("src", "test", "node").toAbsolutePath();
        if (!Files.isDirectory(folder.resolve("node_modules").resolve("openai"))) {
            Process install = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(folder.toFile())
                    .redirectErrorStream(true).start();
            String log = new String(install.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(install.waitFor()).as("npm ci in " + folder + ": " + log).isZero();
        }
        Process node = new ProcessBuilder("node", "sdk-check.mjs", base + "/v1", admin, camA).directory(folder.toFile())
                .start();
        String out = new String(node.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        String err = new String(node.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(node.waitFor()).as("the SDK failed: " + err).isZero();

        JsonNode r = JSON.readTree(out);
        assertThat(r.path("list")).extracting(JsonNode::asText).contains("*", camA);
        assertThat(r.path("retrieved").asText()).isEqualTo(camA);
        assertThat(r.path("completion").path("text").asText()).contains("No LLM is configured");
        assertThat(r.path("completion").path("usage").path("total_tokens").asInt()).isPositive();
        assertThat(r.path("streamed").path("text").asText()).contains("No LLM is configured");
        assertThat(r.path("streamed").path("usage").path("total_tokens").asInt()).isPositive();
        assertThat(r.path("missing").path("status").asInt()).isEqualTo(404);
        assertThat(r.path("missing").path("message").asText()).contains("no-such-camera-for-the-sdk");
        assertThat(r.path("missing").path("code").asText()).isEqualTo("model_not_found");
    }

    @Test
    void anLlmThatIsDownGivesAClearErrorNamingTheEndpoint() throws Exception {
        int dead;
        try (ServerSocket s = new ServerSocket(0)) {
            dead = s.getLocalPort();
        }
        LlmSettings settings = new LlmSettings(URI.create("http://127.0.0.1:" + dead + "/v1"), "any", Optional.empty(),
                Duration.ofSeconds(1), Duration.ofSeconds(2), 2, 64);
        try (ApiServer withLlm = serverWithLlm(settings)) {
            String url = "http://127.0.0.1:" + withLlm.start();
            HttpResponse<String> r = send(url, "POST", "/v1/ask", admin, "{\"question\":\"car\"}");
            assertThat(r.statusCode()).isEqualTo(502);
            JsonNode body = JSON.readTree(r.body());
            assertThat(body.path("error").asText()).isEqualTo("llm unavailable");
            assertThat(body.path("detail").asText()).contains("http://127.0.0.1:" + dead + "/v1/chat/completions").contains("2 attempt");
        }
    }

    // ---------------------------------------------------------------- bad requests, health, metrics, OpenAPI

    @Test
    void badRequestsGetClearFourHundredsAndTheServiceKeepsServing() throws Exception {
        assertError(send("POST", "/v1/ask", admin, "{\"question\": \"car\""), 400, "malformed JSON");
        assertError(send("POST", "/v1/ask", admin, "{\"question\": \"car\", \"budget\": \"lots\"}"), 400, "field 'budget' must be a whole number");
        assertError(send("POST", "/v1/ask", admin, "{\"question\":\"" + "x".repeat(1 << 20) + "\"}"), 413, "bytes");
        assertError(send("POST", "/v1/ask", admin, "{\"question\":\"" + "x".repeat(2_001) + "\"}"), 400, "2001 characters");
        assertError(send("POST", "/v1/ask", admin, "{\"question\":\"car\",\"cameras\":[\"no-such-" + run + "\"]}"), 404, "no-such-" + run);
        assertError(send("POST", "/v1/ask", admin, "{\"question\":\"car\",\"from\":\"2025-01-02T00:00:00Z\",\"to\":\"2025-01-01T00:00:00Z\"}"), 400, "inverted");
        assertError(send("GET", "/v1/cameras/" + camA + "/timeline?last=forever", admin, null), 400, "last must be a duration");
        assertError(send("GET", "/v1/cameras/" + camA + "/clips/..%2F..%2Fapi-keys.json/keyframe.jpg", admin, null), 400, null);
        assertError(send("GET", "/v1/cameras/" + camA + "/clips/..;..;etc/keyframe.jpg", admin, null), 400, "clipId");
        assertError(send("GET", "/v1/cameras/..%2e/timeline", admin, null), 400, null);
        assertError(send("GET", "/v1/nothing-here", admin, null), 404, "no route");
        assertError(send("POST", "/v1/cameras", admin, "{\"id\":\"../etc\",\"url\":\"synthcam://1\"}"), 400, "camera id");
        assertError(send("POST", "/v1/cameras", admin, "{\"id\":\"ok-" + run + "\",\"url\":\"gopher://x\"}"), 400, "gopher");
        assertError(send("POST", "/v1/ask", admin, "{\"question\":\"car\",\"from\":\"+1000000000-01-01T00:00:00Z\"}"), 400, "out of range");
        assertError(send("GET", "/v1/cameras/" + camA + "/timeline?last=999999999999d", admin, null), 400, "too long");
        // A chunked body has no Content-Length for the server's own size check: the limit holds on the stream.
        byte[] big = ("{\"question\":\"" + "x".repeat(4 << 20) + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        HttpResponse<String> chunked = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/ask"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertError(chunked, 413, "bytes");
        assertThat(json(send("GET", "/v1/health", null, null), 200).path("status").asText()).isEqualTo("UP");
        assertThat(send("GET", "/v1/cameras", admin, null).statusCode()).isEqualTo(200);
    }

    @Test
    void healthAndMetrics() throws Exception {
        JsonNode health = json(send("GET", "/v1/health", null, null), 200);
        assertThat(health.path("components").fieldNames()).toIterable().contains("kafka", "registry", "store", "cameras", "watches");
        send("GET", "/v1/cameras", admin, null);
        HttpResponse<String> metrics = send("GET", "/metrics", null, null);
        assertThat(metrics.body()).contains("vigil_http_requests_seconds_count").contains("route=\"/v1/cameras\"");
        // per-camera series: not to the public, to a key only for its cameras, to everyone when the setting says so
        assertThat(metrics.body()).contains("vigil_ingest_frames_sent_total").doesNotContain(camA).doesNotContain(camB);
        assertThat(send("GET", "/metrics", keyA, null).body()).contains("camera=\"" + camA + "\"").doesNotContain(camB);
        assertThat(send("GET", "/metrics", admin, null).body()).contains(camA).contains(camB);
        try (ApiServer open = serverWith(ApiSettings.local(0).withPublicCameraMetrics(true))) {
            String url = "http://127.0.0.1:" + open.start();
            assertThat(send(url, "GET", "/metrics", null, null).body()).contains(camA).contains(camB);
        }
    }

    @Test
    void theOpenApiDocumentListsExactlyTheRegisteredRoutes() throws Exception {
        JsonNode doc = json(send("GET", "/openapi.json", null, null), 200);
        assertThat(doc.path("openapi").asText()).startsWith("3.");
        Set<String> documented = new HashSet<>();
        doc.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
                .forEachRemaining(method -> documented.add(method.toUpperCase() + " " + path.getKey())));
        Set<String> registered = new HashSet<>();
        for (String route : server.routes()) {
            String method = route.substring(0, route.indexOf(' '));
            if (Set.of("GET", "POST", "PUT", "DELETE", "PATCH").contains(method)) {
                registered.add(route);
            }
        }
        assertThat(documented).containsExactlyInAnyOrderElementsOf(registered);
        for (String route : registered) { // and each one answers: no 404 for a documented route
            String[] parts = route.split(" ");
            String path = parts[1].replace("{id}", camA).replace("{clipId}", "0-" + t0);
            if (!parts[0].equals("GET") || path.equals("/v1/events")) {
                continue;
            }
            assertThat(send("GET", path + (path.equals("/v1/search") ? "?q=car" : ""), admin, null).statusCode()).as(route).isNotEqualTo(404);
        }
    }

    // ---------------------------------------------------------------- dashboard in a real browser

    @Test
    void theDashboardShowsCamerasAndAnswersWithEvidenceThumbnails() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isExecutable(HeadlessChromium.BINARY),
                "Debian chromium is not installed (apt-get install -y chromium)");
        Path shot = Path.of("target", "dashboard.png");
        try (HeadlessChromium browser = new HeadlessChromium(dir.resolve("chromium-profile"))) {
            browser.navigate(base + "/");
            browser.eval("document.getElementById('key').value = '" + admin + "';"
                    + "document.getElementById('key-form').requestSubmit(); true");
            browser.await("[...document.querySelectorAll('#cameras li.camera h3')].map(h => h.textContent).includes('" + camA + "')", Duration.ofSeconds(30));
            browser.await("[...document.querySelectorAll('#cameras img')].filter(i => i.complete && i.naturalWidth > 0).length >= 2", Duration.ofSeconds(30));
            assertThat(browser.eval("localStorage.getItem('vigil.key')").asText()).isEqualTo(admin);
            browser.eval("document.getElementById('question').value = 'when did a car pass?';"
                    + "document.getElementById('ask-form').requestSubmit(); true");
            browser.await("document.querySelectorAll('#events img').length > 0 && [...document.querySelectorAll('#events img')].every(i => i.complete && i.naturalWidth > 0)", Duration.ofSeconds(30));
            // the answer above its grouped events (one per car clip, on either camera); the answer cites camera A's
            assertThat(browser.eval("document.getElementById('answer-text').textContent").asText()).contains("No LLM is configured")
                    .contains("seen ").contains(Instant.ofEpochMilli(t0 + 10_000).toString());
            assertThat(browser.eval("document.querySelectorAll('#events li').length").asInt()).isBetween(1, 2);
            browser.eval("document.querySelector('#events a').click(); true");
            browser.await("document.querySelectorAll('#timeline button.clip').length > 0 && document.activeElement.classList.contains('highlight')", Duration.ofSeconds(30));
            browser.eval("window.scrollTo(0, 0); true");
            browser.screenshot(shot);
        }
        assertThat(ImageIO.read(shot.toFile()).getWidth()).isGreaterThan(1000);
    }

    // ---------------------------------------------------------------- helpers

    /** A second server on the same services (as another instance of the same installation), with other settings. */
    ApiServer serverWith(ApiSettings settings) {
        return new ApiServer(settings, services, Clock.systemUTC());
    }

    ApiServer serverWithLlm(LlmSettings settings) {
        ApiServices s = services;
        ApiServices withLlm = new ApiServices(s.keys(), s.cameras(), s.watches(), s.alerts(), s.memory(), s.memoryQueries(),
                s.instanceToken(), s.embedder(), s.cameraStatus(), Optional.of(new OpenAiCompatibleLlm(settings, JSON)),
                s.checks(), s.metrics());
        return new ApiServer(ApiSettings.local(0), withLlm, Clock.systemUTC());
    }

    void produce(ClipTokens clip) throws Exception {
        clips.send(new ProducerRecord<>(Topics.CLIP_TOKENS, null, clip.getEnd().toEpochMilli(), clip.getCameraId(), clip)).get();
    }

    BlockingQueue<JsonNode> sse(String key) {
        BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/v1/events?key=" + key)).header("Accept", "text/event-stream").GET().build();
        // The stream never ends: read it on a daemon thread of its own. (thenAccept would run the endless read on
        // the test's own thread whenever the response had already arrived, and hang the test.)
        java.util.concurrent.Executor reader = task -> {
            Thread t = new Thread(task, "sse-reader-" + key.substring(0, Math.min(12, key.length())));
            t.setDaemon(true);
            t.start();
        };
        http.sendAsync(request, HttpResponse.BodyHandlers.ofLines()).thenAcceptAsync(r -> r.body().forEach(line -> {
            if (line.startsWith("data:")) {
                try {
                    events.add(JSON.readTree(line.substring(5).trim()));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }), reader);
        return events;
    }

    List<ConsumerRecord<String, byte[]>> readAll(String topic, String key) {
        Map<String, Object> c = new HashMap<>(cluster.clientConfig());
        c.put("isolation.level", "read_committed");
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = consumer.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> ends = consumer.endOffsets(parts);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (parts.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(r.key())) {
                        out.add(r);
                    }
                }
            }
        }
        return out;
    }

    JsonNode awaitJson(String path, String key, Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = send("GET", path, key, null);
            last = r.statusCode() + " " + r.body();
            if (r.statusCode() == 200 && done.test(JSON.readTree(r.body()))) {
                return JSON.readTree(r.body());
            }
            Thread.sleep(250);
        }
        throw new AssertionError(path + " not as expected within 60 s; last: " + last.substring(0, Math.min(500, last.length())));
    }

    static void assertError(HttpResponse<String> r, int status, String detail) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("error").asText()).isNotEmpty();
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("java.");
        if (detail != null) {
            assertThat(body.path("detail").asText()).contains(detail);
        }
    }

    JsonNode json(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return JSON.readTree(r.body());
    }

    HttpResponse<String> send(String method, String path, String key, String body) throws Exception {
        return send(base, method, path, key, body);
    }

    HttpResponse<String> send(String url, String method, String path, String key, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> sendBytes(String path, String key) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + key).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }
}
