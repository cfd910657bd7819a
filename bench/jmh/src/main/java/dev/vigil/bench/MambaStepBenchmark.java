package dev.vigil.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.vigil.models.mamba.MambaConfig;
import dev.vigil.models.mamba.MambaEncoder;
import dev.vigil.models.mamba.MambaOutput;
import dev.vigil.models.mamba.MambaState;
import dev.vigil.models.mamba.MambaWeights;
import dev.vigil.models.mamba.SelectiveScan;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One Mamba temporal-encoder step as the clip encoder runs it: {@code batch} cameras, each one 4-frame clip of
 * patch tokens continuing from its carried state, in one call (the CPU scan implementation is chosen by
 * {@link SelectiveScan#forDevice}, as in production). Primary score: steps/s; {@code frames} and {@code tokens}
 * give frames/s and tokens/s through the stack.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Dai.djl.offline=true", "-Xmx4g", "--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 10)
public class MambaStepBenchmark {

    /** Model shape: {@code tiny} or {@code siglip-b16}. */
    @Param({"tiny", "siglip-b16"})
    public String arch;

    /** Cameras (one clip each) per call. */
    @Param({"1", "8", "32"})
    public int batch;

    private NDManager manager;
    private MambaEncoder encoder;
    private NDArray clips;
    private List<MambaState> states;
    private long tokensPerCall;

    /** Builds the model and inputs once per trial (seeded, so every run times the same numbers). */
    @Setup(Level.Trial)
    public void load() {
        ModelArch shape = ModelArch.named(arch);
        MambaConfig config = shape.mamba();
        manager = NDManager.newBaseManager(Device.cpu());
        encoder = new MambaEncoder(config, MambaWeights.load(new SeededWeights(2), config, manager),
                SelectiveScan.forDevice(Device.cpu()));
        clips = manager.randomNormal(new Shape(batch, ModelArch.CLIP_FRAMES, shape.patchesPerFrame(), shape.width()));
        // Carried states from one earlier step, so the timed step starts from non-zero states as in a stream.
        MambaOutput warm = encoder.encodeClips(clips, Collections.nCopies(batch, encoder.initialState()));
        warm.hidden().close();
        states = warm.states();
        tokensPerCall = (long) batch * ModelArch.CLIP_FRAMES * shape.patchesPerFrame();
    }

    /** Frees the native memory of the trial. */
    @TearDown(Level.Trial)
    public void close() {
        manager.close();
    }

    /** One op: see the class comment. */
    @Benchmark
    public void step(ThroughputCounters counters, Blackhole sink) {
        MambaOutput out = encoder.encodeClips(clips, states);
        sink.consume(out.states());
        out.hidden().close();
        counters.add((long) batch * ModelArch.CLIP_FRAMES, tokensPerCall);
    }
}
