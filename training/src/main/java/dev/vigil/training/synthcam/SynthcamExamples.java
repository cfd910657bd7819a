package dev.vigil.training.synthcam;

import dev.vigil.ingest.synthcam.ActorAction;
import dev.vigil.ingest.synthcam.ActorColour;
import dev.vigil.ingest.synthcam.ActorKind;
import dev.vigil.ingest.synthcam.SceneKind;
import dev.vigil.ingest.synthcam.SynthcamSpec;
import dev.vigil.models.image.FramePreprocessor;
import dev.vigil.training.SceneFact;
import dev.vigil.training.TrainingExample;
import dev.vigil.training.TrainingExampleSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Training frames from the synthetic camera: {@code scenes} scenes of {@code seconds} each, seeds
 * {@code firstSeed, firstSeed + 1, ...}, alternately outdoor and indoor, rendered at {@code fps} (the rate the
 * pipeline samples, 2 fps), with random visitors at {@code density} per minute plus {@code needlesPerScene} planted
 * objects of random kind, colour and action (the only way the indoor scene ever shows a car, so the model sees
 * every kind in both scenes). Frames are resized to the model input with the model's own preprocessing and kept as
 * 8-bit; frames with nobody on them are kept with probability {@code emptyKept}.
 *
 * <p>Deterministic: the same parameters give the same examples.
 */
public final class SynthcamExamples implements TrainingExampleSource {

    /** Every scene's event time starts here, so that nothing waits for the clock and times repeat across runs. */
    public static final String EPOCH = "2025-01-01T00:00:00Z";

    private final long firstSeed;
    private final int scenes;
    private final int seconds;
    private final double fps;
    private final double density;
    private final int needlesPerScene;
    private final double emptyKept;
    private final FramePreprocessor preprocessor;

    public SynthcamExamples(long firstSeed, int scenes, int seconds, double fps, double density, int needlesPerScene,
                            double emptyKept, FramePreprocessor preprocessor) {
        this.firstSeed = firstSeed;
        this.scenes = scenes;
        this.seconds = seconds;
        this.fps = fps;
        this.density = density;
        this.needlesPerScene = needlesPerScene;
        this.emptyKept = emptyKept;
        this.preprocessor = preprocessor;
    }

    @Override
    public List<TrainingExample> examples() {
        List<TrainingExample> out = new ArrayList<>();
        for (int s = 0; s < scenes; s++) {
            long seed = firstSeed + s;
            SceneKind scene = s % 2 == 0 ? SceneKind.OUTDOOR : SceneKind.INDOOR;
            SynthcamSpec spec = SynthcamSpec.parse(url(seed, scene));
            Random keep = new Random(seed * 7919 + 1);
            VisitLog log = new VisitLog();
            List<Long> kept = new ArrayList<>();
            List<dev.vigil.models.image.RgbFrame> frames = new ArrayList<>();
            try (SynthcamReel reel = new SynthcamReel(spec)) {
                for (var f = reel.next(); f.isPresent(); f = reel.next()) {
                    log.frame(f.get().index(), f.get().events());
                    // who is visible is known now; what they do over their visit only at the end of the scene
                    if (log.visibleOn(f.get().index()) == 0 && keep.nextDouble() >= emptyKept) {
                        continue;
                    }
                    kept.add(f.get().index());
                    frames.add(preprocessor.resized(f.get().frame()));
                }
            }
            for (int i = 0; i < kept.size(); i++) {
                out.add(new TrainingExample(frames.get(i), log.factsOn(kept.get(i))));
            }
        }
        return out;
    }

    /** The scene URL of one seed: fixed epoch, fast pace, and this seed's planted needles. */
    public String url(long seed, SceneKind scene) {
        StringBuilder url = new StringBuilder("synthcam://" + seed + "?scene=" + scene.name().toLowerCase(Locale.ROOT)
                + "&fps=" + fps + "&duration=" + seconds + "s&density=" + density + "&pace=fast&epoch=" + EPOCH);
        Random random = new Random(seed * 104729 + 3);
        List<String> needles = new ArrayList<>();
        for (int n = 0; n < needlesPerScene; n++) {
            // spread over the scene, late enough for any script to reach its action and early enough to finish
            double at = 25 + (seconds - 50) * (n + random.nextDouble()) / Math.max(1, needlesPerScene);
            needles.add(String.format(Locale.ROOT, "%.1fs:%s", at, randomNeedle(random)));
        }
        if (!needles.isEmpty()) {
            url.append("&needle=").append(String.join(",", needles));
        }
        return url.toString();
    }

    private static String randomNeedle(Random random) {
        ActorKind kind = ActorKind.values()[random.nextInt(ActorKind.values().length)];
        ActorColour colour = ActorColour.values()[random.nextInt(ActorColour.values().length)];
        List<ActorAction> actions = plantableActions(kind);
        ActorAction action = actions.get(random.nextInt(actions.size()));
        return colour.wireName() + ":" + kind.wireName() + ":" + action.wireName();
    }

    /** The actions a planted object of this kind can do (what its captions can mention), in a fixed order. */
    public static List<ActorAction> plantableActions(ActorKind kind) {
        return switch (kind) {
            case PERSON -> List.of(ActorAction.ENTERS_LEFT, ActorAction.ENTERS_RIGHT, ActorAction.CROSSES,
                    ActorAction.STOPS, ActorAction.LOITERS, ActorAction.DOOR_OPENS, ActorAction.DROPS_OBJECT);
            case CAR, BICYCLE -> List.of(ActorAction.ENTERS_LEFT, ActorAction.ENTERS_RIGHT, ActorAction.CROSSES,
                    ActorAction.STOPS);
            case DOG -> List.of(ActorAction.CROSSES, ActorAction.LOITERS, ActorAction.STOPS);
            case BOX -> List.of(ActorAction.DROPS_OBJECT);
        };
    }

    @Override
    public Map<String, Object> recipe() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("source", "synthcam (docs/synthcam.md), ground-truth event log -> objects visible per frame");
        r.put("seeds", firstSeed + ".." + (firstSeed + scenes - 1));
        r.put("scenes", "alternately outdoor (even) and indoor (odd)");
        r.put("secondsPerScene", seconds);
        r.put("fps", fps);
        r.put("size", "448x256 rendered, resized to " + preprocessor.spec().width() + "x" + preprocessor.spec().height()
                + " " + preprocessor.spec().resampling().name().toLowerCase(Locale.ROOT));
        r.put("density", density);
        r.put("needlesPerScene", needlesPerScene + " random kind/colour/action (cars indoors only this way)");
        r.put("emptyFramesKept", emptyKept);
        r.put("exampleUrl", url(firstSeed + 1, SceneKind.INDOOR));
        return r;
    }
}
