package dev.vigil.training;

import dev.vigil.models.image.RgbFrame;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Draws step {@code n}'s batch from the examples, deterministically from (seed, n) alone, so that a resumed run
 * sees exactly the batches an uninterrupted one would.
 *
 * <p>Per frame: one positive caption about a random object on it (mentioning one of its actions with the
 * configured probability), and two hard negatives about the same object with one attribute changed: the same
 * kind in another colour, and the same colour on another kind; when the frame shows other objects, with the
 * configured probability the changed attribute comes from them (a green car beside a red person gets "a red car"
 * and "a green person"), which only an embedding that binds each colour to its object can tell apart. Frames
 * without objects contribute one random caption. Labels come from the facts, not from which frame a caption was
 * made for: a caption is positive for every frame that shows its kind in its colour. Captions come from a
 * {@link CaptionBank}.
 */
public final class BatchSampler {

    private final List<TrainingExample> examples;
    private final Wording wording;
    private final TrainingConfig config;
    private final List<String> kinds;
    private final List<String> colours;
    private final Map<String, List<String>> actionsByKind;
    private final CaptionBank bank;

    public BatchSampler(List<TrainingExample> examples, Wording wording, TrainingConfig config) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no training examples");
        }
        this.examples = List.copyOf(examples);
        this.wording = wording;
        this.config = config;
        Set<String> k = new TreeSet<>();
        Set<String> c = new TreeSet<>();
        Map<String, Set<String>> a = new TreeMap<>();
        for (TrainingExample e : examples) {
            for (SceneFact f : e.facts()) {
                k.add(f.kind());
                c.add(f.colour());
                f.actions().stream().filter(wording::knowsAction)
                        .forEach(act -> a.computeIfAbsent(f.kind(), x -> new TreeSet<>()).add(act));
            }
        }
        if (k.size() < 2 || c.size() < 2) {
            throw new IllegalArgumentException("the examples need at least two kinds and two colours for negatives, got "
                    + k + " and " + c);
        }
        this.kinds = List.copyOf(k);
        this.colours = List.copyOf(c);
        Map<String, List<String>> byKind = new TreeMap<>();
        a.forEach((kind, set) -> byKind.put(kind, List.copyOf(set)));
        this.actionsByKind = byKind;
        this.bank = new CaptionBank(wording, kinds, colours, byKind, config.captionsPerFact(), config.seed());
    }

    /** The captions batches are drawn from, to encode them all up front. */
    public CaptionBank captions() {
        return bank;
    }

    /** Kinds seen in the examples, sorted. */
    public List<String> kinds() {
        return kinds;
    }

    /** Colours seen in the examples, sorted. */
    public List<String> colours() {
        return colours;
    }

    /** The batch of 0-based step {@code step}. */
    public Batch batch(int step) {
        Random random = new Random(config.seed() * 0x9E3779B97F4A7C15L + step * 0xBF58476D1CE4E5B9L + 17);
        List<RgbFrame> frames = new ArrayList<>();
        List<List<SceneFact>> facts = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        List<String[]> about = new ArrayList<>(); // {kind, colour} per caption
        for (int i = 0; i < config.batchFrames(); i++) {
            TrainingExample e = examples.get(random.nextInt(examples.size()));
            frames.add(e.frame());
            facts.add(e.facts());
            if (e.facts().isEmpty()) {
                add(captions, about, pick(kinds, random), pick(colours, random), null, random);
                continue;
            }
            SceneFact f = e.facts().get(random.nextInt(e.facts().size()));
            List<String> own = f.actions().stream().filter(wording::knowsAction).toList();
            String action = !own.isEmpty() && random.nextDouble() < config.actionMention() ? pick(own, random) : null;
            add(captions, about, f.kind(), f.colour(), action, random);
            boolean bind = config.bindingNegatives() > 0 && e.facts().size() > 1
                    && random.nextDouble() < config.bindingNegatives();
            List<String> nearColours = bind ? e.facts().stream().map(SceneFact::colour)
                    .filter(c -> !c.equals(f.colour())).distinct().toList() : List.of();
            List<String> nearKinds = bind ? e.facts().stream().map(SceneFact::kind)
                    .filter(k -> !k.equals(f.kind())).distinct().toList() : List.of();
            String colour = nearColours.isEmpty() ? other(colours, f.colour(), random) : pick(nearColours, random);
            add(captions, about, f.kind(), colour, otherAction(f.kind(), action, random), random);
            String kind = nearKinds.isEmpty() ? other(kinds, f.kind(), random) : pick(nearKinds, random);
            add(captions, about, kind, f.colour(), otherAction(kind, action, random), random);
        }
        float[] labels = new float[frames.size() * captions.size()];
        for (int i = 0; i < frames.size(); i++) {
            for (int j = 0; j < captions.size(); j++) {
                String[] kc = about.get(j);
                boolean shown = facts.get(i).stream().anyMatch(f -> f.matches(kc[0], kc[1]));
                labels[i * captions.size() + j] = shown ? 1f : -1f;
            }
        }
        return new Batch(frames, captions, labels);
    }

    private void add(List<String> captions, List<String[]> about, String kind, String colour, String action,
                     Random random) {
        captions.add(bank.caption(kind, colour, action, random));
        about.add(new String[] {kind, colour});
    }

    /** An action the kind does, when the positive mentioned one (so negatives are not told apart by syntax alone). */
    private String otherAction(String kind, String positiveAction, Random random) {
        List<String> actions = actionsByKind.getOrDefault(kind, List.of());
        return positiveAction == null || actions.isEmpty() ? null : pick(actions, random);
    }

    private static String pick(List<String> list, Random random) {
        return list.get(random.nextInt(list.size()));
    }

    private static String other(List<String> list, String not, Random random) {
        String x;
        do {
            x = pick(list, random);
        } while (x.equals(not));
        return x;
    }
}
