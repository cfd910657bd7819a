package dev.vigil.cli.niah;

import dev.vigil.cli.synthcam.SynthcamExamples;
import dev.vigil.cli.synthcam.SynthcamReel;
import dev.vigil.cli.synthcam.VisitLog;
import dev.vigil.ingest.synthcam.SynthcamSpec;
import dev.vigil.models.clip.ClipEncoder;
import dev.vigil.models.clip.ClipInput;
import dev.vigil.models.clip.EncodedClip;
import dev.vigil.models.image.RgbFrame;
import dev.vigil.models.train.Cosine;
import dev.vigil.models.train.Wording;
import dev.vigil.models.weights.HalfFloats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.function.LongConsumer;

/**
 * Needle in a video haystack on the synthetic camera (after VideoChat-Flash's NIAH, see seed-methods.md (d)).
 *
 * <p>Haystack: the indoor synthcam scene at 2 fps event time, random visitors at 4 per minute (people, bicycles,
 * dogs, dropped boxes; the indoor scene never shows a car). Needles: five cars, each in its own colour, planted at
 * depths 0, 0.25, 0.5, 0.75 and 1 of the haystack, so each needle's kind and colour appear nowhere else in it.
 * Frames go through the real {@link ClipEncoder} in 4-frame clips with the Mamba state carried, and into an
 * {@link EvidenceIndex}.
 *
 * <p>Per needle: (a) retrieval: a question in held-out wording (templates and synonyms training never saw); a hit
 * when a retrieved frame lies within the needle car's time on screen (from the ground truth); (b) two 4-option
 * questions about the needle, colour (other colours as distractors) and kind (same colour, other kinds), scored by
 * the bundle alone: the option whose text embedding is closest to the top-1 evidence frame is the answer.
 */
public final class NiahBench {

    /** Depths of the five needles. */
    public static final double[] DEPTHS = {0, 0.25, 0.5, 0.75, 1.0};
    private static final String[] NEEDLE_COLOURS = {"red", "blue", "yellow", "white", "green"};
    private static final String[] ACTIONS = {"enters_left", "crosses", "stops", "enters_right", "leaves"};
    private static final List<String> COLOURS = List.of("red", "green", "blue", "yellow", "white", "black");
    private static final List<String> KINDS = List.of("car", "person", "bicycle", "dog");
    private static final int CLIPS_PER_BATCH = 16;

    private final ClipEncoder encoder;
    private final Wording wording;
    private final Optional<Wording> control;
    private final IntFunction<EvidenceIndex> indexes;

    /**
     * @param encoder the bundle's clip encoder
     * @param wording held-out wording for questions and options
     * @param indexes makes an empty index of the given width for each haystack
     */
    public NiahBench(ClipEncoder encoder, Wording wording, IntFunction<EvidenceIndex> indexes) {
        this(encoder, wording, Optional.empty(), indexes);
    }

    /**
     * @param control a second wording (in practice the training wording) asked about the same haystack: the gap
     *                between the two tells how much of a miss is the wording rather than the pixels
     */
    public NiahBench(ClipEncoder encoder, Wording wording, Optional<Wording> control,
                     IntFunction<EvidenceIndex> indexes) {
        this.encoder = encoder;
        this.wording = wording;
        this.control = control;
        this.indexes = indexes;
    }

    /** The synthcam URL of a haystack of {@code frames} frames with its five needles. */
    public static String haystackUrl(int frames, long seed) {
        double seconds = frames / 2.0;
        List<String> needles = new ArrayList<>();
        for (int n = 0; n < DEPTHS.length; n++) {
            String colour = NEEDLE_COLOURS[(n + (int) (seed % NEEDLE_COLOURS.length)) % NEEDLE_COLOURS.length];
            // the action happens at depth x the haystack; the last needle leaves on the last frame
            double at = n == DEPTHS.length - 1 ? (frames - 1) / 2.0 : DEPTHS[n] * seconds;
            needles.add(String.format(Locale.ROOT, "%.1fs:%s:car:%s", at, colour, ACTIONS[n]));
        }
        return "synthcam://" + seed + "?scene=indoor&fps=2&duration=" + seconds + "s&density=4&pace=fast&epoch="
                + SynthcamExamples.EPOCH + "&needle=" + String.join(",", needles);
    }

    /** Builds one haystack, encodes it, asks about its needles. */
    public HaystackResult run(int frames, long seed, LongConsumer framesDone) {
        long startedEncoding = System.nanoTime();
        SynthcamSpec spec = SynthcamSpec.parse(haystackUrl(frames, seed));
        EvidenceIndex index = indexes.apply(encoder.dim());
        VisitLog log = new VisitLog();
        byte[] state = null;
        List<List<RgbFrame>> pendingClips = new ArrayList<>();
        List<Long> pendingFirst = new ArrayList<>();
        List<RgbFrame> clip = new ArrayList<>();
        long clipFirst = 0;
        int stateBytes = 0;
        try (SynthcamReel reel = new SynthcamReel(spec)) {
            for (Optional<SynthcamReel.ReelFrame> f = reel.next(); f.isPresent(); f = reel.next()) {
                log.frame(f.get().index(), f.get().events());
                if (clip.isEmpty()) {
                    clipFirst = f.get().index();
                }
                clip.add(f.get().frame());
                if (clip.size() == encoder.bundle().tokenBudget().clipFrames()) {
                    pendingClips.add(clip);
                    pendingFirst.add(clipFirst);
                    clip = new ArrayList<>();
                }
                if (pendingClips.size() == CLIPS_PER_BATCH) {
                    state = encode(pendingClips, pendingFirst, state, index);
                    framesDone.accept(f.get().index() + 1);
                }
            }
        }
        if (!clip.isEmpty()) {
            pendingClips.add(clip);
            pendingFirst.add(clipFirst);
        }
        if (!pendingClips.isEmpty()) {
            state = encode(pendingClips, pendingFirst, state, index);
        }
        stateBytes = state == null ? 0 : state.length;
        double encodeSeconds = (System.nanoTime() - startedEncoding) / 1e9;
        List<VisitLog.Visit> cars = log.visits().stream().filter(v -> v.kind().equals("car")).toList();
        List<NeedleResult> results = askAll(wording, frames, seed, spec, cars, index);
        List<NeedleResult> controlResults = control.map(w -> askAll(w, frames, seed, spec, cars, index))
                .orElse(List.of());
        return new HaystackResult(frames, seed, haystackUrl(frames, seed), results, controlResults, encodeSeconds,
                index.bytes() + stateBytes);
    }

    private List<NeedleResult> askAll(Wording words, int frames, long seed, SynthcamSpec spec, List<VisitLog.Visit> cars,
                                      EvidenceIndex index) {
        List<NeedleResult> results = new ArrayList<>();
        Random random = new Random(seed * 31 + frames);
        for (int n = 0; n < DEPTHS.length; n++) {
            String needle = spec.needles().get(n).colour().wireName();
            String action = spec.needles().get(n).action().wireName();
            VisitLog.Visit visit = cars.stream().filter(v -> v.colour().equals(needle)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("needle car " + needle + " never appeared"));
            results.add(ask(words, frames, DEPTHS[n], spec.needles().get(n).toString(), needle, action, visit, index,
                    random));
        }
        return results;
    }

    private byte[] encode(List<List<RgbFrame>> clips, List<Long> firsts, byte[] state, EvidenceIndex index) {
        List<ClipInput> inputs = new ArrayList<>();
        for (int i = 0; i < clips.size(); i++) {
            // the first clip carries the stream's state; later ones in the batch continue from their predecessor
            inputs.add(i == 0 && state != null ? ClipInput.continuing("niah", clips.get(i), state)
                    : ClipInput.fresh("niah", clips.get(i)));
        }
        List<EncodedClip> encoded = encoder.encode(inputs);
        for (int i = 0; i < encoded.size(); i++) {
            EncodedClip e = encoded.get(i);
            float[] flat = HalfFloats.fromF16Bytes(e.frameEmbeddingsFp16());
            float[][] rows = new float[e.frameCount()][];
            for (int r = 0; r < rows.length; r++) {
                rows[r] = java.util.Arrays.copyOfRange(flat, r * e.dim(), (r + 1) * e.dim());
            }
            long first = firsts.get(i);
            index.add(new ClipEvidence(first, first * 500, (first + rows.length - 1) * 500, rows, e.tokensFp16()));
        }
        byte[] next = encoded.get(encoded.size() - 1).newState();
        clips.clear();
        firsts.clear();
        return next;
    }

    private NeedleResult ask(Wording wording, int frames, double depth, String needle, String colour, String action,
                             VisitLog.Visit visit, EvidenceIndex index, Random random) {
        String question = wording.caption("car", colour, action, random);
        long t0 = System.nanoTime();
        float[] q = encoder.embedText(List.of(question)).orElseThrow(() -> new IllegalStateException(
                "bundle " + encoder.bundle().id() + " has no text encoder")).clone()[0];
        List<FrameHit> hits = index.search(q, 5);
        double millis = (System.nanoTime() - t0) / 1e6;
        List<Long> top = hits.stream().map(FrameHit::frameIndex).toList();
        boolean top1 = !top.isEmpty() && within(top.get(0), visit);
        boolean top5 = top.stream().anyMatch(f -> within(f, visit));
        float[] evidence = index.frameEmbedding(top.get(0));
        String describe = wording.describe("car", colour, random).replaceFirst("^an? ", "");
        List<String> colourOptions = options(COLOURS, colour, random);
        NeedleResult.Choice colourChoice = choose("Find the moment " + question.replaceAll("[?]$", "")
                        + ". What colour is the vehicle?", colourOptions.stream().map(c -> wording.describe("car", c, random)).toList(),
                colourOptions.indexOf(colour), evidence);
        List<String> kindOptions = options(KINDS, "car", random);
        NeedleResult.Choice kindChoice = choose("Find the moment " + question.replaceAll("[?]$", "")
                        + ". What is the " + wording.alternatives("colour." + colour).get(0) + " thing?",
                kindOptions.stream().map(k -> wording.describe(k, colour, random)).toList(), kindOptions.indexOf("car"),
                evidence);
        return new NeedleResult(frames, depth, needle + " (" + describe + ")", question, visit.firstFrame(),
                visit.lastFrame(), top, top1, top5, colourChoice, kindChoice, millis);
    }

    private NeedleResult.Choice choose(String question, List<String> options, int answer, float[] evidence) {
        float[][] embedded = encoder.embedText(options).orElseThrow();
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < embedded.length; i++) {
            double s = Cosine.dot(evidence, Cosine.normalised(embedded[i]));
            if (s > bestScore) {
                bestScore = s;
                best = i;
            }
        }
        return new NeedleResult.Choice(question, options, answer, best);
    }

    private static List<String> options(List<String> all, String right, Random random) {
        List<String> others = new ArrayList<>(all);
        others.remove(right);
        java.util.Collections.shuffle(others, random);
        List<String> out = new ArrayList<>(others.subList(0, 3));
        out.add(random.nextInt(4), right);
        return out;
    }

    private static boolean within(long frame, VisitLog.Visit visit) {
        return frame >= visit.firstFrame() && frame <= visit.lastFrame();
    }
}
