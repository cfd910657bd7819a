package dev.vigil.training;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The temporal trainer's batches: clips with what happens in them, captions about them and the labels between.
 *
 * <p>Per clip one positive caption about a random object on screen: with probability {@code actionMention}, when the
 * object does something during the clip, the caption names that action ("the red car leaves"), else only the
 * object. Then two hard negatives: for an action caption the same object doing a confusable action (leaving
 * against entering, left against right, stopping against crossing), and another colour doing the same; for an
 * object caption another colour, then another kind. Labels follow the facts, not the roles: a caption is positive
 * for every clip of the batch that shows its object (doing its action, when it names one).
 *
 * <p>Frames get labels too, for the frame loss that keeps the text projection fit for pooled frame embeddings: an
 * object caption is positive for every frame showing its object, and an action caption is negative for every
 * frame, so that actions are told by the clip embedding, which sees time, and not by a single frame.
 *
 * <p>Deterministic: batch {@code step} depends only on the seed and the step.
 */
final class TemporalBatches {

    /** Actions a model could mistake for each other, for hard negatives. */
    private static final Map<String, List<String>> CONFUSABLE = Map.of(
            "enters_left", List.of("enters_right", "leaves"),
            "enters_right", List.of("enters_left", "leaves"),
            "leaves", List.of("enters_left", "enters_right"),
            "crosses", List.of("stops", "loiters"),
            "stops", List.of("crosses", "loiters"),
            "loiters", List.of("stops", "crosses"),
            "drops_object", List.of("leaves"),
            "door_opens", List.of("door_closes"),
            "door_closes", List.of("door_opens"));

    /** A caption's meaning: an object, and an action or null. */
    record Fact(String kind, String colour, String action) {
    }

    /**
     * One step's data.
     *
     * @param clips       the sampled clips
     * @param captions    caption texts
     * @param clipLabels  {@code [clips × captions]} +1 / −1
     * @param frameLabels {@code [clips · frames × captions]} +1 / −1, frames clip after clip
     */
    record Batch(List<TemporalCorpus.Clip> clips, List<String> captions, float[] clipLabels, float[] frameLabels) {
    }

    private final TemporalCorpus corpus;
    private final CaptionBank bank;
    private final List<String> kinds;
    private final List<String> colours;
    private final Map<String, List<String>> actionsByKind;
    private final long seed;
    private final int size;
    private final int warmClips;
    private final double actionMention;
    private final double eventClips;

    TemporalBatches(TemporalCorpus corpus, CaptionBank bank, List<String> kinds, List<String> colours,
                    Map<String, List<String>> actionsByKind, long seed, int size, int warmClips, double actionMention) {
        this(corpus, bank, kinds, colours, actionsByKind, seed, size, warmClips, actionMention, 0);
    }

    /**
     * @param eventClips probability that a sampled clip is one where some object does an action (events are rare
     *                   among clips, and they are what the temporal encoder is for); otherwise any clip
     */
    TemporalBatches(TemporalCorpus corpus, CaptionBank bank, List<String> kinds, List<String> colours,
                    Map<String, List<String>> actionsByKind, long seed, int size, int warmClips, double actionMention,
                    double eventClips) {
        this.corpus = corpus;
        this.bank = bank;
        this.kinds = kinds;
        this.colours = colours;
        this.actionsByKind = actionsByKind;
        this.seed = seed;
        this.size = size;
        this.warmClips = warmClips;
        this.actionMention = actionMention;
        this.eventClips = eventClips;
        this.withEvents = new ArrayList<>();
        for (TemporalCorpus.Scene scene : corpus.scenes()) {
            for (TemporalCorpus.Clip clip : scene.clips()) {
                if (clip.index() >= warmClips && clip.objects().stream().anyMatch(o -> !o.actions().isEmpty())) {
                    withEvents.add(clip);
                }
            }
        }
    }

    private final List<TemporalCorpus.Clip> withEvents;

    /** Batch {@code step}. */
    Batch batch(int step) {
        Random random = new Random(seed * 0x5DEECE66DL + step * 1_000_003L + 17);
        List<TemporalCorpus.Clip> clips = new ArrayList<>(size);
        for (int b = 0; b < size; b++) {
            if (!withEvents.isEmpty() && random.nextDouble() < eventClips) {
                clips.add(withEvents.get(random.nextInt(withEvents.size())));
                continue;
            }
            TemporalCorpus.Scene scene = corpus.scenes().get(random.nextInt(corpus.scenes().size()));
            int n = scene.clips().size();
            clips.add(scene.clips().get(warmClips + random.nextInt(n - warmClips)));
        }
        Map<String, Fact> captions = new LinkedHashMap<>();
        for (TemporalCorpus.Clip clip : clips) {
            for (Fact fact : factsFor(clip, random)) {
                captions.putIfAbsent(bank.caption(fact.kind(), fact.colour(), fact.action(), random), fact);
            }
        }
        List<String> texts = List.copyOf(captions.keySet());
        List<Fact> facts = List.copyOf(captions.values());
        int frames = clips.get(0).frames();
        float[] clipLabels = new float[clips.size() * texts.size()];
        float[] frameLabels = new float[clips.size() * frames * texts.size()];
        for (int b = 0; b < clips.size(); b++) {
            TemporalCorpus.Clip clip = clips.get(b);
            for (int c = 0; c < facts.size(); c++) {
                Fact f = facts.get(c);
                clipLabels[b * texts.size() + c] = clip.has(f.kind(), f.colour(), f.action()) ? 1 : -1;
                for (int t = 0; t < frames; t++) {
                    boolean positive = f.action() == null && clip.shows(f.kind(), f.colour(), t);
                    frameLabels[(b * frames + t) * texts.size() + c] = positive ? 1 : -1;
                }
            }
        }
        return new Batch(clips, texts, clipLabels, frameLabels);
    }

    /** Every caption the bank can draw (what the trainer encodes up front). */
    List<String> allCaptions() {
        return bank.all();
    }

    private List<Fact> factsFor(TemporalCorpus.Clip clip, Random random) {
        List<Fact> out = new ArrayList<>(3);
        if (clip.objects().isEmpty()) {
            String kind = kinds.get(random.nextInt(kinds.size()));
            out.add(new Fact(kind, colours.get(random.nextInt(colours.size())), null));
            return out;
        }
        TemporalCorpus.ClipObject o = clip.objects().get(random.nextInt(clip.objects().size()));
        List<String> known = o.actions().stream().filter(a -> knows(o.kind(), a)).toList();
        if (!known.isEmpty() && random.nextDouble() < actionMention) {
            String action = known.get(random.nextInt(known.size()));
            out.add(new Fact(o.kind(), o.colour(), action));
            List<String> others = CONFUSABLE.getOrDefault(action, List.of()).stream()
                    .filter(a -> knows(o.kind(), a) && !o.actions().contains(a)).toList();
            if (!others.isEmpty()) {
                out.add(new Fact(o.kind(), o.colour(), others.get(random.nextInt(others.size()))));
            }
            out.add(new Fact(o.kind(), otherColour(o.colour(), random), action));
        } else {
            out.add(new Fact(o.kind(), o.colour(), null));
            out.add(new Fact(o.kind(), otherColour(o.colour(), random), null));
            String kind = kinds.get(random.nextInt(kinds.size()));
            out.add(new Fact(kind.equals(o.kind()) ? kinds.get((kinds.indexOf(kind) + 1) % kinds.size()) : kind,
                    o.colour(), null));
        }
        return out;
    }

    private boolean knows(String kind, String action) {
        return actionsByKind.getOrDefault(kind, List.of()).contains(action);
    }

    private String otherColour(String colour, Random random) {
        String other = colours.get(random.nextInt(colours.size() - 1));
        return other.equals(colour) ? colours.get(colours.size() - 1) : other;
    }
}
