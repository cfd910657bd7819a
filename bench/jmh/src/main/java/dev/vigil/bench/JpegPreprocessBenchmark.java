package dev.vigil.bench;

import dev.vigil.models.image.FramePreprocessor;
import dev.vigil.models.image.ImagePreprocessing;
import dev.vigil.models.image.RgbFrame;
import dev.vigil.worker.JpegFrames;
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
import org.openjdk.jmh.annotations.Warmup;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The worker's per-frame CPU path before the model: {@code JpegFrames.decode} (OpenCV → packed RGB) of a
 * 448×256 street-scene JPEG ({@link SceneJpegs}), then the bundle's preprocessing ({@code FramePreprocessor}: Pillow-style resize to the
 * model input and normalisation). One op = one frame; the score is frames/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 5)
public class JpegPreprocessBenchmark {

    /** Model input size: {@code tiny} (128) or {@code siglip-b16} (224). */
    @Param({"tiny", "siglip-b16"})
    public String arch;

    private List<byte[]> jpegs;
    private RgbFrame decoded;
    private FramePreprocessor preprocessor;
    private int next;

    /** Renders 16 distinct frames once, so the decoder does not see one image over and over. */
    @Setup
    public void render() {
        jpegs = SceneJpegs.frames(16);
        decoded = JpegFrames.decode(ByteBuffer.wrap(jpegs.get(0)), "bench frame");
        preprocessor = new FramePreprocessor(ImagePreprocessing.siglipDefaults(ModelArch.named(arch).imageSize()));
    }

    /** JPEG → RGB only. */
    @Benchmark
    public RgbFrame decode() {
        return JpegFrames.decode(ByteBuffer.wrap(nextJpeg()), "bench frame");
    }

    /** RGB → normalised model input only. */
    @Benchmark
    public float[] preprocess() {
        return preprocessor.toPixels(List.of(decoded));
    }

    /** Both, as the worker runs them per frame. */
    @Benchmark
    public float[] decodeAndPreprocess() {
        return preprocessor.toPixels(List.of(JpegFrames.decode(ByteBuffer.wrap(nextJpeg()), "bench frame")));
    }

    private byte[] nextJpeg() {
        next = (next + 1) % jpegs.size();
        return jpegs.get(next);
    }
}
