package dev.vigil.training;

import ai.djl.ndarray.NDManager;
import dev.vigil.ingest.synthcam.GroundTruthEvent;
import dev.vigil.ingest.synthcam.SynthcamSpec;
import dev.vigil.models.bundle.ModelBundle;
import dev.vigil.models.image.RgbFrame;
import dev.vigil.models.siglip.FrameEncoding;
import dev.vigil.training.synthcam.SynthcamReel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Synthcam scenes cut into clips as the pipeline cuts them (consecutive frames, {@code clipFrames} each), with the
 * frozen vision tower's outputs computed once (patch tokens, the Mamba input, and pooled frame embeddings) and what
 * the ground truth says happens in each clip: who is on screen on which frame, and which actions each object does
 * within the clip.
 *
 * <p>Caching the tower is what makes training the temporal encoder affordable on a CPU: the tower is frozen, so its
 * outputs never change, and it costs more per frame than Mamba and the readout together.
 */
final class TemporalCorpus {

    /**
     * One object seen in a clip.
     *
     * @param kind     wire name
     * @param colour   wire name
     * @param actions  the actions whose ground-truth event falls on one of the clip's frames
     * @param visible  per frame of the clip, whether it is on screen
     */
    record ClipObject(String kind, String colour, List<String> actions, boolean[] visible) {
    }

    /**
     * One clip.
     *
     * @param patches  {@code [frames, patchesPerFrame, dim]} patch tokens after {@code post_layernorm}, row-major
     * @param pooled   {@code [frames, dim]} pooled frame embeddings
     * @param objects  who is on screen during the clip
     */
    record Clip(int scene, int index, int frames, float[] patches, float[] pooled, List<ClipObject> objects) {
        /** Whether an object of this kind and colour is on screen on frame {@code f}. */
        boolean shows(String kind, String colour, int f) {
            return objects.stream().anyMatch(o -> o.kind().equals(kind) && o.colour().equals(colour) && o.visible()[f]);
        }

        /** Whether an object of this kind and colour is on screen during the clip (and, if given, does {@code action}). */
        boolean has(String kind, String colour, String action) {
            return objects.stream().anyMatch(o -> o.kind().equals(kind) && o.colour().equals(colour)
                    && (action == null || o.actions().contains(action)));
        }
    }

    /** One scene's clips in time order. */
    record Scene(String url, List<Clip> clips) {
    }

    private final List<Scene> scenes;
    private final int patchesPerFrame;
    private final int dim;

    TemporalCorpus(List<Scene> scenes, int patchesPerFrame, int dim) {
        this.scenes = List.copyOf(scenes);
        this.patchesPerFrame = patchesPerFrame;
        this.dim = dim;
    }

    /**
     * Renders every scene, encodes its frames with the bundle's vision tower and cuts it into clips; a last clip
     * shorter than {@code clipFrames} is dropped.
     *
     * @param progress told after each scene
     */
    static TemporalCorpus render(List<String> urls, ModelBundle bundle, int clipFrames, Consumer<String> progress) {
        int patches = bundle.vision().config().tokensPerFrame();
        int dim = bundle.vision().config().dims().hidden();
        List<Scene> scenes = new ArrayList<>();
        for (int s = 0; s < urls.size(); s++) {
            scenes.add(scene(s, urls.get(s), bundle, clipFrames, patches, dim));
            progress.accept("scene " + (s + 1) + "/" + urls.size() + ": " + scenes.get(s).clips().size() + " clips");
        }
        return new TemporalCorpus(scenes, patches, dim);
    }

    List<Scene> scenes() {
        return scenes;
    }

    int patchesPerFrame() {
        return patchesPerFrame;
    }

    int dim() {
        return dim;
    }

    /** Every (kind, colour) seen, and every action each kind is seen doing, in first-seen order. */
    Map<String, List<String>> actionsByKind() {
        Map<String, Set<String>> seen = new LinkedHashMap<>();
        for (Scene scene : scenes) {
            for (Clip clip : scene.clips()) {
                for (ClipObject o : clip.objects()) {
                    seen.computeIfAbsent(o.kind(), k -> new LinkedHashSet<>()).addAll(o.actions());
                }
            }
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        seen.forEach((kind, actions) -> out.put(kind, List.copyOf(actions)));
        return out;
    }

    private static Scene scene(int index, String url, ModelBundle bundle, int clipFrames, int patches, int dim) {
        List<RgbFrame> frames = new ArrayList<>();
        List<List<GroundTruthEvent>> events = new ArrayList<>();
        try (SynthcamReel reel = new SynthcamReel(SynthcamSpec.parse(url))) {
            for (var f = reel.next(); f.isPresent(); f = reel.next()) {
                frames.add(f.get().frame());
                events.add(f.get().events());
            }
        }
        // on screen from an object's first event to its "leaves" inclusive, as VisitLog rebuilds it
        List<Set<Integer>> visible = new ArrayList<>();
        Map<Integer, String[]> kindColour = new LinkedHashMap<>();
        Set<Integer> onScreen = new LinkedHashSet<>();
        for (List<GroundTruthEvent> frameEvents : events) {
            List<Integer> leaving = new ArrayList<>();
            for (GroundTruthEvent e : frameEvents) {
                kindColour.putIfAbsent(e.objectId(), new String[] {e.kind().wireName(), e.colour().wireName()});
                onScreen.add(e.objectId());
                if (e.action().wireName().equals("leaves")) {
                    leaving.add(e.objectId());
                }
            }
            visible.add(new LinkedHashSet<>(onScreen));
            leaving.forEach(onScreen::remove);
        }
        List<Clip> clips = new ArrayList<>();
        int count = frames.size() / clipFrames;
        for (int c = 0; c < count; c++) {
            int first = c * clipFrames;
            float[] patchRows = new float[clipFrames * patches * dim];
            float[] pooledRows = new float[clipFrames * dim];
            try (NDManager scratch = bundle.manager().newSubManager()) {
                FrameEncoding encoding = bundle.vision().encode(frames.subList(first, first + clipFrames), scratch);
                System.arraycopy(encoding.patchTokens().toFloatArray(), 0, patchRows, 0, patchRows.length);
                System.arraycopy(encoding.pooled().toFloatArray(), 0, pooledRows, 0, pooledRows.length);
            }
            Map<Integer, boolean[]> shown = new LinkedHashMap<>();
            Map<Integer, Set<String>> done = new LinkedHashMap<>();
            for (int f = 0; f < clipFrames; f++) {
                for (int id : visible.get(first + f)) {
                    shown.computeIfAbsent(id, x -> new boolean[clipFrames])[f] = true;
                    done.computeIfAbsent(id, x -> new LinkedHashSet<>());
                }
                for (GroundTruthEvent e : events.get(first + f)) {
                    done.get(e.objectId()).add(e.action().wireName());
                }
            }
            List<ClipObject> frozen = new ArrayList<>();
            shown.forEach((id, on) -> frozen.add(new ClipObject(kindColour.get(id)[0], kindColour.get(id)[1],
                    List.copyOf(done.get(id)), on)));
            clips.add(new Clip(index, c, clipFrames, patchRows, pooledRows, frozen));
        }
        return new Scene(url, clips);
    }
}
