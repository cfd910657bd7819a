package dev.vigil.bench.niah;

import dev.vigil.app.VigilCluster;
import dev.vigil.ingest.synthcam.GroundTruthEvent;
import dev.vigil.ingest.synthcam.Needle;
import dev.vigil.ingest.synthcam.SynthcamSpec;
import dev.vigil.models.clip.ClipEncoder;
import dev.vigil.state.CameraStats;
import dev.vigil.state.MemoryEntry;
import dev.vigil.state.ScoredEntry;
import dev.vigil.state.TokenBlock;
import dev.vigil.state.query.SimilarityQuery;
import dev.vigil.tokens.Fp16;
import dev.vigil.tokens.Similarity;
import dev.vigil.training.Wording;
import dev.vigil.training.synthcam.VisitLog;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.function.LongConsumer;

/**
 * Needle in a video haystack on the synthetic camera (after VideoChat-Flash's NIAH, see seed-methods.md (d)).
 *
 * <p>Haystack: the indoor synthcam scene at 2 fps event time, random visitors at 4 per minute (people, bicycles,
 * dogs, dropped boxes; the indoor scene never shows a car). Needles: five cars, each in its own colour, planted at
 * depths 0, 0.25, 0.5, 0.75 and 1 of the haystack, so each needle's kind and colour appear nowhere else in it.
 * The haystack is one camera streamed through the real pipeline ({@link HaystackPipeline}: ingest, Kafka, clip
 * windows, encoder workers, TokenMemory) as fast as it goes; questions go to TokenMemory as the query API's
 * {@code ask} sends them (a {@link SimilarityQuery} with the bundle's text embedding of the question).
 *
 * <p>Per needle: (a) retrieval: a question in held-out wording (templates and synonyms training never saw); a hit
 * when a retrieved memory entry's time span overlaps the needle car's time on screen (from the ground truth). A
 * raw entry spans one 2 s clip; entries older than the memory's tier ages span consolidated buckets (8 s, then
 * 96 s: see TokenMemoryConfig), as they would for any question about the past. (b) Two 4-option questions about
 * the needle, colour (other colours as distractors) and kind (same colour, other kinds), scored by the bundle
 * alone: the option whose text embedding is closest to the top-1 entry's best-matching frame or clip embedding
 * ({@link Similarity#entryScore}) wins.
 */
public final class NiahBench implements AutoCloseable {

    /** Depths of the five needles. */
    public static final double[] DEPTHS = {0, 0.25, 0.5, 0.75, 1.0};
    private static final String[] NEEDLE_COLOURS = {"red", "blue", "yellow", "white", "green"};
    private static final String[] ACTIONS = {"enters_left", "crosses", "stops", "enters_right", "leaves"};
    private static final List<String> COLOURS = List.of("red", "green", "blue", "yellow", "white", "black");
    private static final List<String> KINDS = List.of("car", "person", "bicycle", "dog");
    private static final long FRAME_MILLIS = 500;
    private static final int TOP_K = 5;

    private final HaystackPipeline pipeline;
    private final Wording wording;
    private final Optional<Wording> control;
    private final Optional<Wording> plain;

    /**
     * @param pipeline where haystacks are streamed and questions asked
     * @param wording  held-out wording for questions and options
     * @param control  a second wording (in practice the training wording) asked about the same haystack: the gap
     *                 between the two tells how much of a miss is the wording rather than the pixels
     * @param plain    a third, in plain words (the training wording's first synonyms), which leaves the pixels and
     *                 the memory as the only causes of a miss
     */
    NiahBench(HaystackPipeline pipeline, Wording wording, Optional<Wording> control, Optional<Wording> plain) {
        this.pipeline = pipeline;
        this.wording = wording;
        this.control = control;
        this.plain = plain;
    }

    /**
     * Starts the pipeline on {@code cluster} (closed with the bench) with the bundle's model, asking in held-out
     * wording with the training wording as the control.
     *
     * @param dir Kafka Streams state
     */
    public static NiahBench start(VigilCluster cluster, Path dir, Path bundle) {
        Wording training = Wording.load(Wording.TRAINING);
        return new NiahBench(HaystackPipeline.start(cluster, dir, bundle), Wording.load(Wording.HELD_OUT),
                Optional.of(training), Optional.of(training.firstSynonyms()));
    }

    /** The id of the model answering. */
    public String bundleId() {
        return pipeline.encoder().bundle().id();
    }

    /** Stops the pipeline and the cluster. */
    @Override
    public void close() {
        pipeline.close();
    }

    /** The synthcam URL of a haystack of {@code frames} frames with its five needles, first frame at {@code epoch}. */
    public static String haystackUrl(int frames, long seed, Instant epoch) {
        double seconds = frames / 2.0;
        List<String> needles = new ArrayList<>();
        for (int n = 0; n < DEPTHS.length; n++) {
            String colour = NEEDLE_COLOURS[(n + (int) (seed % NEEDLE_COLOURS.length)) % NEEDLE_COLOURS.length];
            // the action happens at depth x the haystack; the last needle leaves on the last frame
            double at = n == DEPTHS.length - 1 ? (frames - 1) / 2.0 : DEPTHS[n] * seconds;
            needles.add(String.format(Locale.ROOT, "%.1fs:%s:car:%s", at, colour, ACTIONS[n]));
        }
        return "synthcam://" + seed + "?scene=indoor&fps=2&duration=" + seconds + "s&density=4&pace=fast&epoch="
                + epoch + "&needle=" + String.join(",", needles);
    }

    /**
     * Streams one haystack through the pipeline and asks about its needles.
     *
     * @param framesQueryable told now and then how many of the haystack's frames are queryable
     */
    public HaystackResult run(int frames, long seed, LongConsumer framesQueryable) throws InterruptedException {
        // Event time ends ten minutes ago: recent enough for the topics' retention, old enough that nothing waits
        // for the clock; minute-aligned so clips and memory buckets fall the same way on every run.
        long now = pipeline.clock().millis();
        Instant epoch = Instant.ofEpochMilli((now - frames * FRAME_MILLIS - 600_000) / 60_000 * 60_000);
        Instant last = epoch.plusMillis((frames - 1) * FRAME_MILLIS);
        String url = haystackUrl(frames, seed, epoch);
        String camera = String.format(Locale.ROOT, "niah-%d-%d-%s", frames, seed, Long.toString(now, 36));
        long started = System.nanoTime();
        List<GroundTruthEvent> events = pipeline.stream(camera, url, epoch, last,
                millis -> framesQueryable.accept(Math.min(frames, millis / FRAME_MILLIS)));
        double streamSeconds = (System.nanoTime() - started) / 1e9;
        Haystack haystack = new Haystack(camera, epoch, frames, SynthcamSpec.parse(url), visits(events, frames));
        List<NeedleResult> results = askAll(wording, seed, haystack);
        List<NeedleResult> controlResults = control.map(w -> askAll(w, seed, haystack)).orElse(List.of());
        List<NeedleResult> plainResults = plain.map(w -> askAll(w, seed, haystack)).orElse(List.of());
        CameraStats stats = pipeline.stats(camera);
        return new HaystackResult(frames, seed, url, results, controlResults, plainResults, streamSeconds,
                stats.approximateBytes(), stats.entriesByTier());
    }

    /** One streamed haystack: its camera, where its frames lie in event time, its needles and who was on screen. */
    private record Haystack(String camera, Instant epoch, int frames, SynthcamSpec spec, List<VisitLog.Visit> cars) {
        long frameAt(long millis) {
            return Math.floorDiv(millis - epoch.toEpochMilli(), FRAME_MILLIS);
        }
    }

    /** The cars' visits (frame ranges on screen) from the camera's ground-truth events. */
    private static List<VisitLog.Visit> visits(List<GroundTruthEvent> events, int frames) {
        return HaystackPipeline.visits(events, frames).stream().filter(v -> v.kind().equals("car")).toList();
    }

    private List<NeedleResult> askAll(Wording words, long seed, Haystack haystack) {
        List<NeedleResult> results = new ArrayList<>();
        Random random = new Random(seed * 31 + haystack.frames());
        for (int n = 0; n < DEPTHS.length; n++) {
            Needle planted = haystack.spec().needles().get(n);
            String colour = planted.colour().wireName();
            VisitLog.Visit visit = haystack.cars().stream().filter(v -> v.colour().equals(colour)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("needle car " + colour + " never appeared"));
            results.add(ask(words, haystack, DEPTHS[n], planted.toString(), colour, planted.action().wireName(),
                    visit, random));
        }
        return results;
    }

    private NeedleResult ask(Wording wording, Haystack haystack, double depth, String needle, String colour,
                             String action, VisitLog.Visit visit, Random random) {
        String question = wording.caption("car", colour, action, random);
        ClipEncoder encoder = pipeline.encoder();
        long t0 = System.nanoTime();
        float[] q = embed(encoder, question);
        List<ScoredEntry> hits = pipeline.memory().askLocal(haystack.camera(), new SimilarityQuery(haystack.camera(), q,
                haystack.epoch().toEpochMilli(), haystack.epoch().toEpochMilli() + haystack.frames() * FRAME_MILLIS,
                TOP_K));
        double millis = (System.nanoTime() - t0) / 1e6;
        if (hits.isEmpty()) {
            throw new IllegalStateException("TokenMemory returned no evidence for " + haystack.camera());
        }
        long shownFrom = haystack.epoch().toEpochMilli() + visit.firstFrame() * FRAME_MILLIS;
        long shownTo = haystack.epoch().toEpochMilli() + (visit.lastFrame() + 1) * FRAME_MILLIS;
        List<NeedleResult.Evidence> evidence = hits.stream().map(h -> new NeedleResult.Evidence(
                haystack.frameAt(h.entry().start()), haystack.frameAt(h.entry().end()) - 1, h.entry().tier(),
                Math.round(h.score() * 1e4) / 1e4, h.entry().start() < shownTo && h.entry().end() > shownFrom))
                .toList();
        float[] best = bestFrame(hits.get(0).entry(), q);
        String describe = wording.describe("car", colour, random).replaceFirst("^an? ", "");
        List<String> colourOptions = options(COLOURS, colour, random);
        NeedleResult.Choice colourChoice = choose("Find the moment " + question.replaceAll("[?]$", "")
                        + ". What colour is the vehicle?", colourOptions.stream().map(c -> wording.describe("car", c, random)).toList(),
                colourOptions.indexOf(colour), best);
        List<String> kindOptions = options(KINDS, "car", random);
        NeedleResult.Choice kindChoice = choose("Find the moment " + question.replaceAll("[?]$", "")
                        + ". What is the " + wording.alternatives("colour." + colour).get(0) + " thing?",
                kindOptions.stream().map(k -> wording.describe(k, colour, random)).toList(), kindOptions.indexOf("car"),
                best);
        return new NeedleResult(haystack.frames(), depth, needle + " (" + describe + ")", question, visit.firstFrame(),
                visit.lastFrame(), evidence, evidence.get(0).hit(), evidence.stream().anyMatch(NeedleResult.Evidence::hit),
                colourChoice, kindChoice, millis);
    }

    private static float[] embed(ClipEncoder encoder, String text) {
        return encoder.embedText(List.of(text)).orElseThrow(() -> new IllegalStateException(
                "bundle " + encoder.bundle().id() + " has no text encoder"))[0];
    }

    /**
     * The entry's embedding closest to the question, a frame's or a clip embedding, normalised: the evidence the
     * options are held against. Chosen by {@link Similarity#entryScore}, the score the store's similarity scan
     * ranks entries with, so the options are held against what won the retrieval.
     */
    private static float[] bestFrame(MemoryEntry entry, float[] question) {
        TokenBlock frames = entry.frameEmbeddings();
        TokenBlock clips = entry.clipEmbeddings();
        Similarity.EntryScore best = Similarity.entryScore(question, Fp16.toFloats(frames.fp16()), frames.count(),
                Fp16.toFloats(clips.fp16()), clips.count(), frames.dim());
        return Similarity.normalised(best.clipWon() ? clips.row(best.clipRow()) : frames.row(best.frameRow()));
    }

    private NeedleResult.Choice choose(String question, List<String> options, int answer, float[] evidence) {
        float[][] embedded = pipeline.encoder().embedText(options).orElseThrow();
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < embedded.length; i++) {
            double s = Similarity.cosine(evidence, embedded[i]);
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
}
