package dev.vigil.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.api.TimeWindow;
import dev.vigil.api.ask.AskResponse;
import dev.vigil.api.ask.EvidenceSelection;
import dev.vigil.api.ask.MatchEvent;
import dev.vigil.api.ask.QuestionAnswering;
import dev.vigil.api.llm.Llm;
import dev.vigil.api.memory.MemoryForwarding;
import dev.vigil.api.memory.MemoryQueryJson;
import dev.vigil.api.memory.MemoryView;
import dev.vigil.api.memory.MomentTokens;
import dev.vigil.ingest.CameraSources;
import dev.vigil.ingest.camera.IngestNode;
import dev.vigil.ingest.camera.IngestSettings;
import dev.vigil.models.answer.AnswerText;
import dev.vigil.models.answer.SeededAnswerWriter;
import dev.vigil.schema.registry.RegistrySettings;
import dev.vigil.schema.registry.SchemaRegistryClient;
import dev.vigil.state.MemoryEntry;
import dev.vigil.state.TokenMemoryConfig;
import dev.vigil.state.query.TimeRangeQuery;
import dev.vigil.testkit.ClusterEndpoints;
import dev.vigil.testkit.RealCluster;
import dev.vigil.topologies.memory.MemoryUnavailableException;
import dev.vigil.worker.WorkerConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built-in answerer on what a real pipeline stored: a synthetic camera's clips encoded by the shipped
 * synthcam-tiny bundle into TokenMemory on the real broker, a question answered through {@link QuestionAnswering}
 * over {@link MemoryView} with a seeded (random-weight) answer model beside the bundle. It checks the plumbing
 * with real tokens: the answerer is found in the bundle folder, the events' stored tokens are there in its width
 * and bundle, the answer cites only its events' times and no slot, and the stream joins to the same answer.
 *
 * <p>Not through HTTP: an API process would create the installation's first admin key on the tests' shared
 * broker, which {@code BadInputIT} expects to find unmade. The HTTP side of the port is {@code ApiIT}'s.
 */
@RealCluster
class BuiltInAnswerIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
    private static final Pattern MARKUP = Pattern.compile("<[a-z]+\\d*>");
    private static final int CLIPS = 15;

    @TempDir
    Path dir;

    private final ClusterEndpoints cluster;
    private final SchemaRegistryClient registry;

    BuiltInAnswerIT(ClusterEndpoints cluster) {
        this.cluster = cluster;
        this.registry = new SchemaRegistryClient(RegistrySettings.of(cluster.registryUrl()));
    }

    @Test
    void aQuestionAboutStoredClipsIsAnsweredByTheBuiltInModelFromTheirTokens() throws Exception {
        VigilCluster.external(cluster.bootstrapServers(), cluster.registryUrl()).close(); // topics and contracts
        Path bundle = ShippedBundleCopy.into(dir.resolve("synthcam-tiny"));
        SeededAnswerWriter.write(bundle, 192, 7);
        Clock clock = Clock.systemUTC();
        // Grid-aligned and in the past; the demo scene sends a red car across about 14 s after the start.
        Instant epoch = Instant.ofEpochMilli((clock.millis() - 600_000) / 2000 * 2000);
        String camera = "answer-" + Long.toHexString(System.nanoTime());

        Pipeline.Settings settings = new Pipeline.Settings(cluster.bootstrapServers(), registry, dir.resolve("state"),
                bundle, WorkerConfig.defaults("answer-worker"), new HostInfo("127.0.0.1", 1), TokenMemoryConfig.defaults(),
                Pipeline.Settings.defaultThreads(6));
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        try (Pipeline pipeline = Pipeline.start(settings, metrics, clock);
             IngestNode ingest = IngestNode.start(IngestSettings.of(cluster.bootstrapServers(), cluster.registryUrl())
                     .withGroup("answer-ingest-" + camera), CameraSources.standard(clock), metrics, clock)) {
            ingest.admin().put(camera, "synthcam://1?pace=fast&duration=" + 2 * CLIPS + "s&epoch=" + epoch);
            assertThat(awaitMemory(pipeline, camera, epoch)).hasSize(CLIPS);

            Llm answerer = BuiltInAnswerer.of(pipeline.encoder(), clock).orElseThrow();
            assertThat(answerer.describe()).isEqualTo("built-in answer model (synthcam-tiny)");
            MemoryQueryJson wire = new MemoryQueryJson(JSON);
            MemoryView memory = new MemoryView(pipeline.memory(), new MemoryForwarding(JSON, wire, "http", "unused"), JSON);
            QuestionAnswering answering = new QuestionAnswering(memory, new BundleQuestionEmbedder(pipeline.encoder()),
                    Optional.of(answerer), EvidenceSelection.balanced());
            // A low threshold, so that even an unremarkable scene gives events and their tokens are read.
            QuestionAnswering.Prepared prepared = answering.prepare("when did the red car leave?", List.of(),
                    Set.of(camera), TimeWindow.ALL, 1_024, 0.05, c -> true);
            assertThat(prepared.events()).isNotEmpty();
            for (MatchEvent e : prepared.events()) {
                MomentTokens stored = memory.tokens(camera, e.peak().clipId(), 64, 4).orElseThrow();
                assertThat(stored.modelId()).as("read by the answerer: its own bundle").isEqualTo("synthcam-tiny");
                assertThat(stored.tokens().dim()).isEqualTo(192);
                assertThat(stored.tokens().count()).isEqualTo(64); // 16 per frame, 4 frames
                assertThat(stored.frameEmbeddings().count()).isEqualTo(4);
            }

            AskResponse a = answering.answer(prepared);
            assertThat(a.llm()).isEqualTo("built-in answer model (synthcam-tiny)");
            assertThat(a.answer()).isNotBlank().doesNotContainPattern(MARKUP);
            Set<String> allowed = new HashSet<>();
            for (AskResponse.Event e : a.events()) {
                allowed.add(AnswerText.time(Instant.parse(e.start()).toEpochMilli()));
                allowed.add(AnswerText.time(Instant.parse(e.end()).toEpochMilli()));
            }
            Matcher times = TIME.matcher(a.answer());
            while (times.find()) {
                assertThat(allowed).as("a time cited in '" + a.answer() + "'").contains(times.group());
            }

            List<String> data = new ArrayList<>();
            answering.stream(prepared, data::add);
            assertThat(data).last().isEqualTo("[DONE]");
            StringBuilder streamed = new StringBuilder();
            for (String d : data.subList(0, data.size() - 1)) {
                JsonNode chunk = JSON.readTree(d);
                assertThat(chunk.path("object").asText()).isEqualTo("chat.completion.chunk");
                streamed.append(chunk.path("choices").get(0).path("delta").path("content").asText(""));
            }
            assertThat(streamed.toString()).isEqualTo(a.answer());
        }
    }

    private static List<MemoryEntry> awaitMemory(Pipeline pipeline, String camera, Instant epoch) throws InterruptedException {
        TimeRangeQuery all = new TimeRangeQuery(camera, epoch.toEpochMilli(), epoch.toEpochMilli() + 2_000L * CLIPS);
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        List<MemoryEntry> last = List.of();
        while (System.nanoTime() < deadline) {
            try {
                last = pipeline.memory().askLocal(camera, all);
                if (last.size() >= CLIPS) {
                    return last;
                }
            } catch (MemoryUnavailableException starting) {
                // restoring or rebalancing: ask again
            }
            Thread.sleep(250);
        }
        return last;
    }
}
