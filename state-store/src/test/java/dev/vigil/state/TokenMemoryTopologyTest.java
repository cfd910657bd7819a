package dev.vigil.state;

import dev.vigil.schema.ClipTokens;
import dev.vigil.schema.TemporalState;
import dev.vigil.schema.Topics;
import dev.vigil.state.query.CameraStatsQuery;
import dev.vigil.state.query.GlobalEmbeddingQuery;
import dev.vigil.state.query.LatestQuery;
import dev.vigil.state.query.SimilarityQuery;
import dev.vigil.state.query.TimeRangeQuery;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.query.FailureReason;
import org.apache.kafka.streams.query.KeyQuery;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** TokenMemory inside a real (test-driven) Kafka Streams topology, queried through its IQv2 entry point. */
class TokenMemoryTopologyTest {
    private static final long T0 = 1_700_000_000_000L; // a multiple of 64 s, so buckets line up with clip 0
    private static final int DIM = 16;
    private static final String CAM = "cam-a";

    /** Small budgets for small dims: 8 tokens per clip, tier 1 and 2 keep 16 tokens; cam-a keeps 4 h. */
    private static final TokenMemoryConfig CONFIG = new TokenMemoryConfig(Duration.ofMinutes(10), Duration.ofHours(2),
            Duration.ofSeconds(8), Duration.ofSeconds(64), 16, 16, 4, Duration.ofHours(24),
            Map.of(CAM, Duration.ofHours(4)), 64, 16, 1024);

    private final Clips clips = new Clips("tiny-v1", 8, DIM);
    @TempDir
    Path stateDir;
    private TopologyTestDriver driver;
    private TestInputTopic<String, ClipTokens> input;
    private TestInputTopic<String, TemporalState> states;
    private TestOutputTopic<String, String> outcomes;
    private TokenMemoryStore store;

    @BeforeEach
    void start() {
        SingleObjectSerde<ClipTokens> clipSerde = new SingleObjectSerde<>(ClipTokens.getEncoder(), ClipTokens.getDecoder());
        SingleObjectSerde<TemporalState> stateSerde =
                new SingleObjectSerde<>(TemporalState.getEncoder(), TemporalState.getDecoder());
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "token-memory-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(MemoryTopology.of(CONFIG, clipSerde.deserializer(), stateSerde.deserializer(), true),
                props);
        input = driver.createInputTopic(Topics.CLIP_TOKENS, new StringSerializer(), clipSerde.serializer());
        states = driver.createInputTopic(Topics.TEMPORAL_STATE, new StringSerializer(), stateSerde.serializer());
        outcomes = driver.createOutputTopic(MemoryTopology.OUTCOMES, new StringDeserializer(), new StringDeserializer());
        store = (TokenMemoryStore) driver.getStateStore(MemoryTopology.STORE);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void rangeLatestTopKGlobalAndStatsAnswerThroughIqv2() {
        for (long i = 0; i < 20; i++) {
            send(clips.clip(CAM, T0, i));
        }
        for (long i = 0; i < 5; i++) {
            send(clips.clip("cam-b", T0, i));
        }

        List<MemoryEntry> range = query(new TimeRangeQuery(CAM, T0 + 5 * 2_000 + 500, T0 + 8 * 2_000));
        assertThat(range).extracting(MemoryEntry::clipIndex).containsExactly(5L, 6L, 7L, 8L); // 8 starts at `to`
        assertThat(range.get(0)).isEqualTo(MemoryEntry.fromClip(clips.clip(CAM, T0, 5)));

        assertThat(query(new LatestQuery(CAM, 3))).extracting(MemoryEntry::clipIndex).containsExactly(19L, 18L, 17L);

        List<ScoredEntry> top = query(new SimilarityQuery(CAM, clips.direction(7), T0, T0 + 3_600_000, 2));
        assertThat(top).hasSize(2);
        assertThat(top.get(0).entry().clipIndex()).isEqualTo(7L);
        assertThat(top.get(0).score()).isGreaterThan(0.99).isGreaterThan(top.get(1).score());

        // direction(2) is shared by cam-a #2 and #18 (16 axes) and cam-b #2
        List<ScoredEntry> everywhere = query(SimilarityQuery.allCameras(clips.direction(2), T0, T0 + 3_600_000, 3));
        assertThat(everywhere).extracting(s -> s.entry().cameraId() + "#" + s.entry().clipIndex())
                .containsExactlyInAnyOrder("cam-a#2", "cam-a#18", "cam-b#2");

        GlobalEmbedding global = query(new GlobalEmbeddingQuery(CAM));
        assertThat(global.count()).isEqualTo(20 * Clips.FRAMES);
        assertThat(global.modelId()).isEqualTo("tiny-v1");
        assertThat(global.mean()[0]).isBetween(2f / 20 - 0.01f, 2f / 20 + 0.01f); // clips 0 and 16 point at axis 0

        CameraStats stats = query(new CameraStatsQuery(CAM));
        assertThat(stats.entriesByTier()).containsExactly(20, 0, 0);
        assertThat(stats.oldestStart()).isEqualTo(T0);
        assertThat(stats.newestEnd()).isEqualTo(T0 + 20 * 2_000);
        assertThat(stats.approximateBytes()).isEqualTo(store.approximateBytes(CAM)).isPositive();
        assertThat(store.cameras()).containsExactly(CAM, "cam-b");
    }

    @Test
    void theSearchFindsAnEntryByItsClipEmbeddingWhereNoFrameLooksLikeTheQuestion() {
        for (long i = 0; i < 10; i++) { // frames along axes 0..9
            ClipTokens clip = clips.clip(CAM, T0, i);
            // clip 4's readout saw what no single frame shows (axis 12); clip 6's agrees with its frames
            send(i == 4 ? clips.withClipEmbedding(clip, clips.direction(12))
                    : i == 6 ? clips.withClipEmbedding(clip, clips.direction(6)) : clip);
        }

        List<ScoredEntry> byClip = query(new SimilarityQuery(CAM, clips.direction(12), T0, T0 + 3_600_000, 2));
        assertThat(byClip.get(0).entry().clipIndex()).isEqualTo(4L);
        assertThat(byClip.get(0).score()).isGreaterThan(0.99).isGreaterThan(byClip.get(1).score());
        assertThat(byClip.get(1).score()).isLessThan(0.1);

        // the frames still answer for themselves, beside clip embeddings
        List<ScoredEntry> byFrames = query(new SimilarityQuery(CAM, clips.direction(7), T0, T0 + 3_600_000, 1));
        assertThat(byFrames).extracting(s -> s.entry().clipIndex()).containsExactly(7L);
        List<ScoredEntry> both = query(new SimilarityQuery(CAM, clips.direction(6), T0, T0 + 3_600_000, 1));
        assertThat(both).extracting(s -> s.entry().clipIndex()).containsExactly(6L);
        assertThat(both.get(0).entry().clipEmbeddings().count()).isEqualTo(1);
    }

    @Test
    void queriesItDoesNotKnowAreReportedAsUnknown() {
        QueryResult<byte[]> result = store.query(KeyQuery.withKey("x"), PositionBound.unbounded(), new QueryConfig(false));

        assertThat(result.isFailure()).isTrue();
        assertThat(result.getFailureReason()).isEqualTo(FailureReason.UNKNOWN_QUERY_TYPE);
    }

    @Test
    void replaysCountOnceLateClipsJoinTheirBucketAndExpiredOnesAreRefused() {
        for (long i = 0; i < 400; i++) { // 13 min 20 s: the first buckets are consolidated
            if (i != 10) {
                send(clips.clip(CAM, T0, i));
            }
        }
        outcomes.readValuesToList();
        long framesBefore = store.globalEmbedding(CAM).count();

        send(clips.clip(CAM, T0, 399)); // the same clip again
        send(clips.clip(CAM, T0, 10));  // 12 min late: its bucket [16 s, 24 s) is tier 1 by now
        send(clips.clip(CAM, T0, 10));
        send(clips.clip(CAM, -1, T0 - Duration.ofHours(5).toMillis(), clips.direction(0)));

        assertThat(outcomes.readValuesToList())
                .containsExactly("399:DUPLICATE", "10:MERGED_LATE", "10:DUPLICATE", "-1:EXPIRED");
        List<MemoryEntry> bucket = store.range(CAM, T0 + 16_000, T0 + 23_999);
        assertThat(bucket).hasSize(1);
        assertThat(bucket.get(0).tier()).isEqualTo(1);
        assertThat(bucket.get(0).covers()).extracting(CoveredClip::clipIndex).containsExactly(8L, 9L, 10L, 11L);
        assertThat(store.globalEmbedding(CAM).count()).isEqualTo(framesBefore + Clips.FRAMES);
    }

    @Test
    void theLatestTemporalStateIsKept() {
        states.pipeInput(CAM, temporalState(5), T0);
        states.pipeInput(CAM, temporalState(3), T0);

        assertThat(outcomes.readValuesToList()).containsExactly("state:true", "state:false");
        assertThat(store.latestTemporalState(CAM)).get().extracting(TemporalState::getLastClipIndex).isEqualTo(5L);
        assertThat(store.approximateBytes(CAM)).isPositive();
    }

    private void send(ClipTokens clip) {
        input.pipeInput(clip.getCameraId(), clip, clip.getEnd());
    }

    private <R> R query(Query<R> query) {
        QueryResult<R> result = store.query(query, PositionBound.unbounded(), new QueryConfig(true));
        assertThat(result.isSuccess()).as("%s: %s", query, result).isTrue();
        assertThat(result.getExecutionInfo()).isNotEmpty();
        return result.getResult();
    }

    private static TemporalState temporalState(long lastClipIndex) {
        return TemporalState.newBuilder().setCameraId(CAM).setModelId("tiny-v1").setLastClipIndex(lastClipIndex)
                .setEventTime(Instant.ofEpochMilli(T0)).setState(ByteBuffer.wrap(new byte[]{1, 2, 3}))
                .setIngestTime(Instant.ofEpochMilli(T0)).build();
    }
}
