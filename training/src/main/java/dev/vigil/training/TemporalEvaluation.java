package dev.vigil.training;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.vigil.models.bundle.ModelBundle;
import dev.vigil.models.clip.ClipEncoder;
import dev.vigil.models.mamba.LayerStates;
import dev.vigil.models.mamba.MambaConfig;
import dev.vigil.models.mamba.TensorSelectiveScan;
import dev.vigil.models.siglip.TransformerDims;
import dev.vigil.models.text.MiniLmSentenceEncoder;
import dev.vigil.models.text.ProjectedSentenceEmbedder;
import dev.vigil.models.weights.FloatTensor;
import dev.vigil.tokens.Similarity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Scores trained temporal weights on held-out scenes, each streamed clip after clip with its state carried from the
 * scene's start as the encoder workers carry it (without merging: {@code vigil bench qa} measures the whole
 * pipeline).
 *
 * <p>Questions are captions in plain words ({@code "the red car leaves"}), and every clip is scored the way the store
 * scores an entry: the best of its frame embeddings and its clip embedding ({@code fused}); {@code frames} scores the
 * frame embeddings alone (the pre-readout behaviour), {@code clip} the clip embedding alone.
 * <ul>
 *   <li>{@code eventTop1}: for each action event (enters from the left or right, leaves, stops, crosses, loiters),
 *       the best clip of the scene lies within one clip of the event;</li>
 *   <li>{@code directionAccuracy}: on the clip where an object enters, "enters from the left" against "from the
 *       right" is told correctly;</li>
 *   <li>{@code objectTop1}: asked for an object alone, the best clip shows it.</li>
 * </ul>
 */
final class TemporalEvaluation {

    private static final List<String> ASKED = List.of("enters_left", "enters_right", "leaves", "stops", "crosses",
            "loiters");

    /** Held-out scores, each by scoring: {@code fused}, {@code frames}, {@code clip}. */
    record Scores(Map<String, Double> eventTop1, Map<String, Double> directionAccuracy, Map<String, Double> objectTop1,
                  int events, int entries, int objects) {
    }

    private TemporalEvaluation() {
    }

    static Scores score(TemporalCorpus heldOut, Map<String, FloatTensor> trained, ModelBundle bundle,
                        CaptionVectors vectors, Wording wording, boolean identity) {
        return score(heldOut, trained, bundle, vectors, wording, identity, -1);
    }

    /**
     * @param warmClips -1: carry the state over the whole scene, as the workers do; n: start each clip's state from
     *                  zero n clips before it, as training does (to tell a carried-state shift from a weak model)
     */
    static Scores score(TemporalCorpus heldOut, Map<String, FloatTensor> trained, ModelBundle bundle,
                        CaptionVectors vectors, Wording wording, boolean identity, int warmClips) {
        MambaConfig mamba = ClipEncoder.temporalConfig(bundle);
        TransformerDims dims = bundle.vision().config().dims();
        int dim = heldOut.dim();
        Counts event = new Counts();
        Counts direction = new Counts();
        Counts object = new Counts();
        Random random = new Random(1);
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager(Device.cpu())) {
            Map<String, NDArray> params = new LinkedHashMap<>();
            trained.forEach((name, t) -> params.put(name, manager.create(t.values(), new Shape(t.shape()))));
            TrainableMamba temporal = new TrainableMamba(mamba, params, new TensorSelectiveScan());
            TrainableBlocks blocks = new TrainableBlocks(params);
            NDArray projection = params.containsKey(ProjectedSentenceEmbedder.PROJECTION)
                    ? params.get(ProjectedSentenceEmbedder.PROJECTION)
                    : bundle.weights().get(ProjectedSentenceEmbedder.PROJECTION, new Shape(dim, MiniLmSentenceEncoder.DIM),
                            manager);
            for (TemporalCorpus.Scene scene : heldOut.scenes()) {
                List<TemporalCorpus.Clip> clips = scene.clips();
                float[][] clipEmbedding = new float[clips.size()][];
                List<LayerStates> state = new ArrayList<>();
                for (int layer = 0; layer < mamba.numLayers(); layer++) {
                    state.add(new LayerStates(manager.zeros(new Shape(1, mamba.intermediateSize(), mamba.stateSize())),
                            manager.zeros(new Shape(1, mamba.intermediateSize(), mamba.convKernel() - 1L))));
                }
                for (int c = 0; c < clips.size(); c++) {
                    TemporalCorpus.Clip clip = clips.get(c);
                    if (warmClips >= 0 && !identity) {
                        state = warmed(temporal, mamba, manager, clips, c, warmClips, dim);
                    }
                    try (NDManager step = manager.newSubManager()) {
                        NDArray x = step.create(clip.patches(), new Shape(1, clip.patches().length / dim, dim));
                        NDArray hidden = x;
                        if (!identity) {
                            TrainableMamba.Output out = temporal.forward(x, state);
                            hidden = out.hidden();
                            List<LayerStates> next = new ArrayList<>();
                            for (LayerStates s : out.states()) {
                                NDArray ssm = s.ssm().duplicate();
                                NDArray tail = s.convTail().duplicate();
                                ssm.attach(manager);
                                tail.attach(manager);
                                next.add(new LayerStates(ssm, tail));
                            }
                            state = next;
                        }
                        clipEmbedding[c] = TemporalTrainer.readout(blocks, hidden, clip.frames(),
                                heldOut.patchesPerFrame(), dims).toFloatArray();
                    }
                }
                for (int c = 0; c < clips.size(); c++) {
                    for (TemporalCorpus.ClipObject o : clips.get(c).objects()) {
                        for (String action : o.actions()) {
                            if (!ASKED.contains(action)) {
                                continue;
                            }
                            float[] q = embed(vectors, projection, manager,
                                    wording.fill("the {colour} {kind} {action}", o.kind(), o.colour(), action, random));
                            event.add(best(q, clips, clipEmbedding, Scoring.FUSED), c, 1);
                            event.addTo("frames", best(q, clips, clipEmbedding, Scoring.FRAMES), c, 1);
                            event.addTo("clip", best(q, clips, clipEmbedding, Scoring.CLIP), c, 1);
                            if (action.startsWith("enters_")) {
                                String other = action.equals("enters_left") ? "enters_right" : "enters_left";
                                float[] wrong = embed(vectors, projection, manager,
                                        wording.fill("the {colour} {kind} {action}", o.kind(), o.colour(), other, random));
                                for (Scoring s : Scoring.values()) {
                                    direction.hit(s.key, score(q, clips.get(c), clipEmbedding[c], s)
                                            > score(wrong, clips.get(c), clipEmbedding[c], s));
                                }
                            }
                        }
                    }
                }
                // objects: each distinct kind/colour of the scene once
                Map<String, TemporalCorpus.ClipObject> seen = new LinkedHashMap<>();
                clips.forEach(cl -> cl.objects().forEach(o -> seen.putIfAbsent(o.kind() + "/" + o.colour(), o)));
                for (TemporalCorpus.ClipObject o : seen.values()) {
                    float[] q = embed(vectors, projection, manager,
                            wording.fill("the {colour} {kind}", o.kind(), o.colour(), null, random));
                    for (Scoring s : Scoring.values()) {
                        int top = best(q, clips, clipEmbedding, s);
                        object.hit(s.key, clips.get(top).has(o.kind(), o.colour(), null));
                    }
                }
            }
        }
        return new Scores(event.rates(), direction.rates(), object.rates(), event.total("fused"),
                direction.total("fused"), object.total("fused"));
    }

    private static List<LayerStates> warmed(TrainableMamba temporal, MambaConfig mamba, NDManager manager,
                                            List<TemporalCorpus.Clip> clips, int c, int warmClips, int dim) {
        List<LayerStates> state = new ArrayList<>();
        for (int layer = 0; layer < mamba.numLayers(); layer++) {
            state.add(new LayerStates(manager.zeros(new Shape(1, mamba.intermediateSize(), mamba.stateSize())),
                    manager.zeros(new Shape(1, mamba.intermediateSize(), mamba.convKernel() - 1L))));
        }
        for (int w = Math.max(0, c - warmClips); w < c; w++) {
            float[] patches = clips.get(w).patches();
            state = temporal.forward(manager.create(patches, new Shape(1, patches.length / dim, dim)), state).states();
        }
        return state;
    }

    private enum Scoring {
        FUSED("fused"), FRAMES("frames"), CLIP("clip");
        final String key;

        Scoring(String key) {
            this.key = key;
        }
    }

    private static double score(float[] q, TemporalCorpus.Clip clip, float[] clipEmbedding, Scoring scoring) {
        int dim = q.length;
        double frames = Similarity.maxCosine(q, clip.pooled(), clip.frames(), dim).score();
        double readout = Similarity.cosine(q, clipEmbedding);
        return switch (scoring) {
            case FUSED -> Math.max(frames, readout);
            case FRAMES -> frames;
            case CLIP -> readout;
        };
    }

    private static int best(float[] q, List<TemporalCorpus.Clip> clips, float[][] clipEmbedding, Scoring scoring) {
        int best = 0;
        double top = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < clips.size(); c++) {
            double s = score(q, clips.get(c), clipEmbedding[c], scoring);
            if (s > top) {
                top = s;
                best = c;
            }
        }
        return best;
    }

    private static float[] embed(CaptionVectors vectors, NDArray projection, NDManager manager, String text) {
        try (NDManager scratch = manager.newSubManager()) {
            NDArray v = scratch.create(vectors.vectors(List.of(text))[0], new Shape(1, MiniLmSentenceEncoder.DIM));
            return v.matMul(projection.transpose()).toFloatArray();
        }
    }

    /** Hits and totals per scoring. */
    private static final class Counts {
        private final Map<String, int[]> counts = new LinkedHashMap<>();

        void add(int bestClip, int eventClip, int tolerance) {
            addTo("fused", bestClip, eventClip, tolerance);
        }

        void addTo(String key, int bestClip, int eventClip, int tolerance) {
            hit(key, Math.abs(bestClip - eventClip) <= tolerance);
        }

        void hit(String key, boolean hit) {
            int[] c = counts.computeIfAbsent(key, k -> new int[2]);
            c[0] += hit ? 1 : 0;
            c[1]++;
        }

        int total(String key) {
            return counts.getOrDefault(key, new int[2])[1];
        }

        Map<String, Double> rates() {
            Map<String, Double> out = new LinkedHashMap<>();
            counts.forEach((k, c) -> out.put(k, c[1] == 0 ? 0 : Math.round(1000.0 * c[0] / c[1]) / 1000.0));
            return out;
        }
    }
}
