package dev.vigil.state;

import dev.vigil.schema.ClipTokens;
import dev.vigil.schema.Topics;
import dev.vigil.state.internals.EntryCodec;
import dev.vigil.state.internals.MemoryKey;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Six hours of one camera's event time through a TopologyTestDriver topology: the memory never exceeds
 * {@link MemoryBound}, clips move to tier 1 after 10 min, to tier 2 after 2 h and are deleted after the
 * camera's 4 h retention, and every retained clip stays covered exactly once.
 *
 * <p>The store runs over Kafka Streams' in-memory bytes store here: TopologyTestDriver commits after every
 * record, and a RocksDB flush per record would make 10,800 clips take a minute. The TokenMemory logic is the
 * same; RocksDB itself is exercised by {@link TokenMemoryTopologyTest} and {@code TokenMemoryIT}.
 */
class BoundedMemoryTest {
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
    private TokenMemoryStore store;

    @BeforeEach
    void start() {
        SingleObjectSerde<ClipTokens> serde = new SingleObjectSerde<>(ClipTokens.getEncoder(), ClipTokens.getDecoder());
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "token-memory-bound-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        TokenMemoryStoreBuilder memory = new TokenMemoryStoreBuilder(
                Stores.inMemoryKeyValueStore(MemoryTopology.STORE), CONFIG);
        driver = new TopologyTestDriver(MemoryTopology.of(memory, serde.deserializer(), null, false), props);
        input = driver.createInputTopic(Topics.CLIP_TOKENS, new StringSerializer(), serde.serializer());
        store = (TokenMemoryStore) driver.getStateStore(MemoryTopology.STORE);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void sixHoursOfOneCameraStayWithinTheBoundAndAgeOnSchedule() {
        long bound = MemoryBound.bytesPerCamera(CONFIG, CAM, DIM, new StreamShape(2, 4, 8, 32, 0));
        long clipsIn6h = Duration.ofHours(6).toMillis() / Clips.CLIP_MILLIS;
        long largest = 0;
        for (long i = 0; i < clipsIn6h; i++) {
            // with a clip embedding, as a bundle with a temporal readout publishes: the bound counts it
            send(clips.withClipEmbedding(clips.clip(CAM, T0, i), clips.direction(i + 1)));
            largest = Math.max(largest, store.approximateBytes(CAM));
            assertThat(store.approximateBytes(CAM)).as("bytes after clip %d", i).isLessThanOrEqualTo(bound);
            if (i % 300 == 299) { // every 10 minutes of event time
                assertAgedOnSchedule(T0 + (i + 1) * Clips.CLIP_MILLIS);
            }
        }
        CameraStats stats = store.stats(CAM);
        System.out.printf("6 h at 2 fps, dim %d: %s; largest %,d bytes, bound %,d bytes%n", DIM, stats, largest, bound);

        assertThat(stats.entriesByTier()).allSatisfy(n -> assertThat(n).isPositive());
        assertThat(stats.oldestStart()).isGreaterThanOrEqualTo(stats.latestEventTime() - Duration.ofHours(4).toMillis() - 66_000);
        // nothing lost, nothing twice: the retained clips are covered exactly once, up to the newest
        List<Long> covered = store.range(CAM, Long.MIN_VALUE, Long.MAX_VALUE).stream()
                .flatMap(e -> e.covers().stream()).map(CoveredClip::clipIndex).toList();
        assertThat(covered).doesNotHaveDuplicates().isSorted().endsWith(clipsIn6h - 1);
        assertThat(covered).hasSize((int) (covered.get(covered.size() - 1) - covered.get(0) + 1));
        long accounted = store.range(CAM, Long.MIN_VALUE, Long.MAX_VALUE).stream()
                .mapToLong(BoundedMemoryTest::storedBytes).sum();
        assertThat(stats.bytesByTier().stream().mapToLong(Long::longValue).sum()).isEqualTo(accounted);
    }

    /** Every entry sits in the tier its age calls for, and nothing outlives the retention. */
    private void assertAgedOnSchedule(long latest) {
        long tier1Cutoff = Math.floorDiv(latest - Duration.ofMinutes(10).toMillis(), 8_000) * 8_000;
        long tier2Cutoff = Math.floorDiv(latest - Duration.ofHours(2).toMillis(), 64_000) * 64_000;
        long retentionCutoff = latest - Duration.ofHours(4).toMillis();
        for (MemoryEntry e : store.range(CAM, Long.MIN_VALUE, Long.MAX_VALUE)) {
            assertThat(e.end()).as("retained %s at %d", e, latest).isGreaterThanOrEqualTo(retentionCutoff);
            int expected = e.start() < tier2Cutoff ? 2 : e.start() < tier1Cutoff ? 1 : 0;
            assertThat(e.tier()).as("tier of %s at %d", e, latest).isEqualTo(expected);
            if (e.tier() > 0) {
                assertThat(e.tokens().count()).isLessThanOrEqualTo(16);
                assertThat(e.frameEmbeddings().count()).isLessThanOrEqualTo(4);
                assertThat(e.clipEmbeddings().count()).isBetween(1, 4);
                assertThat(e.keyframe()).isNotNull();
            }
        }
    }

    private void send(ClipTokens clip) {
        input.pipeInput(clip.getCameraId(), clip, clip.getEnd());
    }

    /** Key + value bytes of an entry as stored, from the format's own size formula. */
    private static long storedBytes(MemoryEntry e) {
        int keyframe = e.keyframe() == null ? 0 : e.keyframe().length;
        return MemoryKey.entryKeySize(e.cameraId().getBytes(StandardCharsets.UTF_8).length)
                + EntryCodec.encodedSize(e.modelId().getBytes(StandardCharsets.UTF_8).length, e.tokens().count(),
                e.tokens().dim(), e.frameEmbeddings().count(), e.frameEmbeddings().dim(), e.clipEmbeddings().count(), keyframe,
                e.keyframe() != null,
                e.covers().size());
    }
}
