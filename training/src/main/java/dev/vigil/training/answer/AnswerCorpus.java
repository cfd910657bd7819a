package dev.vigil.training.answer;

import dev.vigil.ingest.synthcam.SynthcamSpec;
import dev.vigil.models.clip.ClipEncoder;
import dev.vigil.models.clip.ClipInput;
import dev.vigil.models.clip.EncodedClip;
import dev.vigil.models.image.FramePreprocessor;
import dev.vigil.models.image.RgbFrame;
import dev.vigil.tokens.Fp16;
import dev.vigil.topologies.clips.ClipGrid;
import dev.vigil.training.synthcam.SynthcamReel;
import dev.vigil.training.synthcam.VisitLog;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Renders synthcam scenes and encodes each as the pipeline encodes a camera, keeping per clip what token memory
 * stores (merged tokens, frame embeddings, the clip embedding, all through fp16) and who was on screen when: what
 * the answer model's evidence and targets are made of.
 *
 * <p>As the pipeline does it: clips are the camera's event-time grid windows of {@code clipFrames / fps} seconds,
 * anchored at the epoch (the clip-windows topology's own {@link ClipGrid}); frames are resized to the model input
 * by the bundle's preprocessing, as the workers' decode threads do; the real {@link ClipEncoder} encodes a few
 * clips per call, each call continuing from the stream state the previous one returned, so the Mamba state is
 * carried across the scene. One difference, kept on purpose: frames skip ingest's JPEG round trip (the tokens
 * differ by the JPEG's noise, and rendering the corpus stays a third cheaper).
 */
public final class AnswerCorpus {

    /**
     * Told after each scene.
     *
     * @param done    scenes encoded so far
     * @param total   scenes asked for
     * @param seed    the scene just encoded
     * @param clips   its clips
     * @param seconds what rendering and encoding it took
     */
    public record SceneProgress(int done, int total, long seed, int clips, double seconds) {
    }

    private final ClipEncoder encoder;
    private final int clipsPerCall;

    /**
     * @param encoder      the real clip encoder of the bundle the answer model is trained for
     * @param clipsPerCall clips per {@link ClipEncoder#encode} call: bounds the memory one call holds
     */
    public AnswerCorpus(ClipEncoder encoder, int clipsPerCall) {
        if (clipsPerCall < 1) {
            throw new IllegalArgumentException("clipsPerCall must be >= 1, got " + clipsPerCall);
        }
        this.encoder = encoder;
        this.clipsPerCall = clipsPerCall;
    }

    /** Encodes every scene URL in order (each a finite {@code pace=fast} synthcam URL), telling {@code progress}. */
    public List<EncodedScene> encode(List<String> urls, Consumer<SceneProgress> progress) {
        List<EncodedScene> out = new ArrayList<>();
        for (String url : urls) {
            long start = System.nanoTime();
            EncodedScene scene = encode(url);
            out.add(scene);
            progress.accept(new SceneProgress(out.size(), urls.size(), scene.seed(), scene.clips().size(),
                    (System.nanoTime() - start) / 1e9));
        }
        return out;
    }

    /** Renders and encodes one scene. */
    public EncodedScene encode(String url) {
        SynthcamSpec spec = SynthcamSpec.parse(url);
        if (spec.realtime() || spec.duration() == null) {
            throw new IllegalArgumentException("a training scene must be finite with pace=fast: " + url);
        }
        String camera = "synthcam-" + spec.seed();
        FramePreprocessor preprocessor = encoder.bundle().vision().preprocessor();
        ClipGrid grid = ClipGrid.of(encoder.bundle().tokenBudget().clipFrames(), spec.fps());
        long frameMillis = Math.round(1000.0 / spec.fps());
        List<RgbFrame> frames = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        VisitLog log = new VisitLog();
        try (SynthcamReel reel = new SynthcamReel(spec)) {
            for (var f = reel.next(); f.isPresent(); f = reel.next()) {
                log.frame(f.get().index(), f.get().events());
                times.add(f.get().time().toEpochMilli());
                frames.add(preprocessor.resized(f.get().frame()));
            }
        }
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("the scene rendered no frame: " + url);
        }
        List<int[]> windows = windows(times, grid);
        List<SceneClip> clips = new ArrayList<>(windows.size());
        Optional<byte[]> state = Optional.empty();
        for (int from = 0; from < windows.size(); from += clipsPerCall) {
            List<int[]> call = windows.subList(from, Math.min(windows.size(), from + clipsPerCall));
            List<ClipInput> inputs = new ArrayList<>();
            for (int[] w : call) {
                // only a stream's first clip in a call reads its state; the others continue from their predecessor
                inputs.add(new ClipInput(camera, frames.subList(w[0], w[1]), state, 1));
            }
            List<EncodedClip> encoded = encoder.encode(inputs);
            for (int i = 0; i < call.size(); i++) {
                long index = grid.indexOf(times.get(call.get(i)[0]));
                clips.add(clip(index, grid.startOf(index), grid.endOf(index), encoded.get(i)));
            }
            state = Optional.of(encoded.get(encoded.size() - 1).newState());
        }
        long first = times.get(0);
        List<SceneVisit> visits = log.visits().stream().map(v -> new SceneVisit(v.kind(), v.colour(), v.actions(),
                first + v.firstFrame() * frameMillis, first + (v.lastFrame() + 1) * frameMillis)).toList();
        return new EncodedScene(spec.seed(), url, camera, first, first + times.size() * frameMillis, clips, visits);
    }

    /** {@code [first, end)} frame ranges of consecutive frames in the same grid window. */
    private static List<int[]> windows(List<Long> times, ClipGrid grid) {
        List<int[]> out = new ArrayList<>();
        int first = 0;
        for (int f = 1; f <= times.size(); f++) {
            if (f == times.size()
                    || grid.indexOf(times.get(f)) != grid.indexOf(times.get(first))) {
                out.add(new int[] {first, f});
                first = f;
            }
        }
        return out;
    }

    private static SceneClip clip(long index, long startMillis, long endMillis, EncodedClip e) {
        float[] readout = e.clipEmbeddingFp16().length == 0 ? new float[0] : Fp16.toFloats(e.clipEmbeddingFp16());
        return new SceneClip(index, startMillis, endMillis, Fp16.toFloats(e.tokensFp16()), e.tokenCount(),
                Fp16.toFloats(e.frameEmbeddingsFp16()), e.frameCount(), readout, e.dim());
    }
}
