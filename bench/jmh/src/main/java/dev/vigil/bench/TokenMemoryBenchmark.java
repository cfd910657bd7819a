package dev.vigil.bench;

import dev.vigil.schema.ClipTokens;
import dev.vigil.schema.TokenMatrix;
import dev.vigil.state.PutOutcome;
import dev.vigil.state.ScoredEntry;
import dev.vigil.state.TokenMemoryConfig;
import dev.vigil.state.TokenMemoryStore;
import dev.vigil.state.query.SimilarityQuery;
import dev.vigil.tokens.Fp16;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * TokenMemory with {@code hours} of one camera already in it (2 fps, 4-frame clips of 64 tokens of width 192 —
 * synthcam-tiny's shape — 4 KiB keyframes, default tiers: raw for 10 min, 8 s buckets to 2 h, 96 s buckets
 * to 24 h): the writer's {@code put} + {@code maintain} of the next clip, and a top-10 similarity question
 * over the camera's whole memory (what an ask without an LLM costs in the store: {@code SimilarityQuery.execute}
 * on the store, as interactive queries run it, minus the IQv2 envelope). Sample mode: the JSON carries p50,
 * p95, p99 per op in milliseconds.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 1, time = 3)
@Measurement(iterations = 3, time = 5)
public class TokenMemoryBenchmark {
    static final String CAMERA = "cam-1";
    static final long CLIP_MILLIS = 2_000;
    static final int TOKENS = 64;
    static final int DIM = 192;
    static final int FRAMES = 4;

    /** Hours of event time in the camera's memory before measuring. */
    @Param({"1", "6", "24"})
    public int hours;

    /** {@code rocksdb} (what vigil runs) or {@code in-memory}. */
    @Param({"rocksdb", "in-memory"})
    public String backend;

    private Path stateDir;
    private MemoryHost host;
    private TokenMemoryStore store;
    private final Random random = new Random(11);
    private long t0;
    private long nextIndex;
    private float[] question;

    /** Fills the memory clip by clip through put + maintain, exactly as the memory writer does. */
    @Setup
    public void fill() {
        try {
            stateDir = Files.createTempDirectory("vigil-bench-memory");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        host = new MemoryHost(backend.equals("rocksdb"), TokenMemoryConfig.defaults(), stateDir);
        store = host.store();
        t0 = Instant.parse("2025-01-01T00:00:00Z").toEpochMilli();
        long clips = hours * 3_600_000L / CLIP_MILLIS;
        for (nextIndex = 0; nextIndex < clips; nextIndex++) {
            putNext();
        }
        question = randomUnit();
    }

    /** Closes the store and removes RocksDB's files. */
    @TearDown
    public void close() {
        host.close();
        try (Stream<Path> paths = Files.walk(stateDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind is harmless
        }
    }

    /** The writer's work for one new clip: put, then maintain (tiers and retention). */
    @Benchmark
    public PutOutcome put() {
        PutOutcome outcome = putNext();
        nextIndex++;
        return outcome;
    }

    /** Top 10 of the camera's whole memory by cosine with a fixed question embedding. */
    @Benchmark
    public List<ScoredEntry> similar() {
        long now = t0 + nextIndex * CLIP_MILLIS;
        return new SimilarityQuery(CAMERA, question, now - 25 * 3_600_000L, now, 10).execute(store);
    }

    private PutOutcome putNext() {
        long start = t0 + nextIndex * CLIP_MILLIS;
        PutOutcome outcome = store.put(clip(nextIndex, start));
        store.maintain(CAMERA, start + CLIP_MILLIS);
        return outcome;
    }

    private ClipTokens clip(long index, long start) {
        List<Integer> sizes = new ArrayList<>(TOKENS);
        for (int i = 0; i < TOKENS; i++) {
            sizes.add(4);
        }
        List<Instant> times = new ArrayList<>(FRAMES);
        float[][] frames = new float[FRAMES][];
        for (int f = 0; f < FRAMES; f++) {
            times.add(Instant.ofEpochMilli(start + f * CLIP_MILLIS / FRAMES));
            frames[f] = randomUnit();
        }
        float[][] tokens = new float[TOKENS][];
        for (int t = 0; t < TOKENS; t++) {
            tokens[t] = randomUnit();
        }
        byte[] keyframe = new byte[4096];
        random.nextBytes(keyframe);
        return ClipTokens.newBuilder().setCameraId(CAMERA).setClipIndex(t0 / CLIP_MILLIS + index)
                .setStart(Instant.ofEpochMilli(start)).setEnd(Instant.ofEpochMilli(start + CLIP_MILLIS))
                .setModelId("synthcam-tiny").setTokens(fp16(tokens)).setTokenSizes(sizes)
                .setFrameEmbeddings(fp16(frames)).setFrameTimes(times).setSamplingStride(1).setPartial(false)
                .setKeyframe(ByteBuffer.wrap(keyframe)).setIngestTime(Instant.ofEpochMilli(start + CLIP_MILLIS))
                .setEncodeTime(Instant.ofEpochMilli(start + CLIP_MILLIS)).build();
    }

    private float[] randomUnit() {
        float[] v = new float[DIM];
        double norm = 0;
        for (int i = 0; i < DIM; i++) {
            v[i] = (float) random.nextGaussian();
            norm += v[i] * v[i];
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < DIM; i++) {
            v[i] *= scale;
        }
        return v;
    }

    private static TokenMatrix fp16(float[][] rows) {
        ByteBuffer bytes = ByteBuffer.allocate(rows.length * DIM * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] row : rows) {
            for (float x : row) {
                bytes.putShort(Fp16.fromFloat(x));
            }
        }
        return TokenMatrix.newBuilder().setCount(rows.length).setDim(DIM).setFp16(ByteBuffer.wrap(bytes.array())).build();
    }
}
