package dev.vigil.bench.qa;

import dev.vigil.training.answer.QaScene;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.api.TimeWindow;
import dev.vigil.api.ask.AskResponse;
import dev.vigil.api.ask.EventGrouping;
import dev.vigil.api.ask.EvidenceSelection;
import dev.vigil.api.ask.MatchEvent;
import dev.vigil.api.ask.QuestionAnswering;
import dev.vigil.api.memory.MemoryForwarding;
import dev.vigil.api.memory.MemoryQueryJson;
import dev.vigil.api.memory.MemoryView;
import dev.vigil.api.memory.Moment;
import dev.vigil.app.BundleQuestionEmbedder;
import dev.vigil.app.VigilCluster;
import dev.vigil.bench.niah.HaystackPipeline;
import dev.vigil.ingest.synthcam.GroundTruthEvent;
import dev.vigil.training.synthcam.VisitLog;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Question answering on held-out synthcam scenes (issue 16's {@code vigil bench qa}): each scene is streamed
 * through the real pipeline ({@link HaystackPipeline}: ingest, Kafka, clip windows, encoder workers, TokenMemory),
 * then asked in plain words about every kind and colour that appeared and about some that never did, through the
 * query API's own answering path ({@link QuestionAnswering} over {@link MemoryView}: the same embedding,
 * similarity query, evidence selection, relevance and event grouping as {@code POST /v1/ask}, without HTTP).
 *
 * <p>Scored against the scene's ground truth: retrieval (does the most relevant event, or one of the five most
 * relevant, overlap the subject's time on screen; the same for the best-scored moments, threshold or not),
 * time grounding (IoU of that event with the visit), absent subjects answered "not seen", answers that cite only
 * times inside their events, and the time to prepare an answer. Temporal questions, for subjects that came once:
 * when did it leave, when did it arrive (the best-scored moment within {@link #TOLERANCE_MILLIS} of the instant), and
 * from which side did it come in (the true side's statement scores higher on its visit).
 */
public final class QaBench implements AutoCloseable {
    private static final long FRAME_MILLIS = (long) (1000 / QaScene.FPS);
    private static final int TOP = 5;
    private static final List<String> TEMPLATES = List.of("when did the %s appear?", "show me the %s",
            "was there a %s?", "find the %s");
    /** How far from the instant asked about a leave / arrive answer's moment may lie. */
    static final long TOLERANCE_MILLIS = 2000;
    private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");

    private final HaystackPipeline pipeline;
    private final QuestionAnswering answering;
    private final double threshold;

    QaBench(HaystackPipeline pipeline, double threshold) {
        this.pipeline = pipeline;
        this.threshold = threshold;
        ObjectMapper json = new ObjectMapper();
        MemoryView memory = new MemoryView(pipeline.memory(),
                new MemoryForwarding(json, new MemoryQueryJson(json), "http", "vigil-bench-qa"), json);
        this.answering = new QuestionAnswering(memory, new BundleQuestionEmbedder(pipeline.encoder()), Optional.empty(),
                EvidenceSelection.balanced());
    }

    /**
     * Starts the pipeline on {@code cluster} (closed with the bench) with the bundle's model.
     *
     * @param dir       Kafka Streams state
     * @param threshold the relevance an event needs (the API's default is {@link EventGrouping#DEFAULT_THRESHOLD})
     */
    public static QaBench start(VigilCluster cluster, Path dir, Path bundle, double threshold) {
        return start(cluster, dir, bundle, threshold, false);
    }

    /**
     * As {@link #start(VigilCluster, Path, Path, double)}, with the workers' test-time temporal sampling on (a live
     * worker's lag bound: the fast-paced scenes outrun the encoder, so it encodes every k-th frame) or off.
     */
    public static QaBench start(VigilCluster cluster, Path dir, Path bundle, double threshold, boolean sampling) {
        return new QaBench(HaystackPipeline.start(cluster, dir, bundle, sampling), threshold);
    }

    /** The id of the model answering. */
    public String bundleId() {
        return pipeline.encoder().bundle().id();
    }

    @Override
    public void close() {
        pipeline.close();
    }

    /**
     * Streams one scene and asks about it.
     *
     * @param absent          questions about kinds and colours that never appeared (at most)
     * @param framesQueryable told now and then how many of the scene's frames are queryable
     * @return the scene's URL and its questions
     */
    public SceneResult run(QaScene scene, int absent, LongConsumer framesQueryable) throws InterruptedException {
        long now = pipeline.clock().millis();
        // event time ends ten minutes ago, minute-aligned, as NIAH's haystacks (within retention, nothing waits)
        Instant epoch = Instant.ofEpochMilli((now - scene.frames() * FRAME_MILLIS - 600_000) / 60_000 * 60_000);
        Instant last = epoch.plusMillis((scene.frames() - 1) * FRAME_MILLIS);
        String url = scene.url(epoch);
        String camera = String.format(Locale.ROOT, "qa-%d-%s", scene.seed(), Long.toString(now, 36));
        List<GroundTruthEvent> truth = pipeline.stream(camera, url, epoch, last,
                millis -> framesQueryable.accept(Math.min(scene.frames(), millis / FRAME_MILLIS)));
        Map<String, List<VisitLog.Visit>> present = new LinkedHashMap<>();
        for (VisitLog.Visit v : HaystackPipeline.visits(truth, scene.frames())) {
            if (QaScene.KINDS.contains(v.kind())) {
                present.computeIfAbsent(v.colour() + " " + v.kind(), k -> new ArrayList<>()).add(v);
            }
        }
        TimeWindow window = new TimeWindow(epoch.toEpochMilli(), epoch.toEpochMilli() + scene.frames() * FRAME_MILLIS);
        Random random = new Random(scene.seed() * 7 + 3);
        List<QaQuestion> questions = new ArrayList<>();
        Reliability reliability = new Reliability();
        present.forEach((subject, visits) -> questions.add(ask("object", subject, visits, camera, window, epoch, random,
                reliability)));
        // temporal questions only where the answer is one instant: subjects that came once
        present.forEach((subject, visits) -> {
            if (visits.size() != 1) {
                return;
            }
            VisitLog.Visit v = visits.get(0);
            if (v.firstFrame() > 0) {
                questions.add(askWhen("arrive", subject, v, camera, window, epoch));
            }
            if (v.actions().contains("leaves")) {
                questions.add(askWhen("leave", subject, v, camera, window, epoch));
            }
            if (v.actions().contains("enters_left") || v.actions().contains("enters_right")) {
                questions.add(askDirection(subject, v, v.actions().contains("enters_left"), camera, window, epoch));
            }
        });
        List<String> never = new ArrayList<>();
        for (String kind : QaScene.KINDS) {
            for (String colour : QaScene.COLOURS) {
                if (!present.containsKey(colour + " " + kind)) {
                    never.add(colour + " " + kind);
                }
            }
        }
        java.util.Collections.shuffle(never, random);
        for (String subject : never.subList(0, Math.min(absent, never.size()))) {
            questions.add(ask("absent", subject, List.of(), camera, window, epoch, random, reliability));
        }
        return new SceneResult(url, questions, reliability);
    }

    /**
     * A scene's URL, its questions, and how often moments of each relevance really showed the subject.
     */
    public record SceneResult(String url, List<QaQuestion> questions, Reliability reliability) {
    }

    private QaQuestion ask(String type, String subject, List<VisitLog.Visit> visits, String camera, TimeWindow window,
                           Instant epoch, Random random, Reliability reliability) {
        String question = String.format(Locale.ROOT, TEMPLATES.get(random.nextInt(TEMPLATES.size())), subject);
        long t0 = System.nanoTime();
        QuestionAnswering.Prepared p = answering.prepare(question, List.of(), Set.of(camera), window,
                1024, threshold, c -> true);
        double millis = (System.nanoTime() - t0) / 1e6;
        AskResponse response = answering.answer(p);
        List<long[]> shown = visits.stream().map(v -> new long[] {epoch.toEpochMilli() + v.firstFrame() * FRAME_MILLIS,
                epoch.toEpochMilli() + (v.lastFrame() + 1) * FRAME_MILLIS}).toList();
        for (Moment m : p.candidates()) {
            reliability.add(answering.relevance().probability(m.score()), overlaps(m.start(), m.end(), shown));
        }
        List<MatchEvent> byRelevance = new ArrayList<>(p.events());
        byRelevance.sort(Comparator.comparingDouble(MatchEvent::probability).reversed());
        List<MatchEvent> top = byRelevance.subList(0, Math.min(TOP, byRelevance.size()));
        List<Moment> moments = p.candidates().subList(0, Math.min(TOP, p.candidates().size()));
        boolean object = type.equals("object");
        return new QaQuestion(type, subject, question,
                shown.stream().map(s -> Instant.ofEpochMilli(s[0]) + "/" + Instant.ofEpochMilli(s[1])).toList(),
                top.stream().map(e -> Instant.ofEpochMilli(e.start()) + "/" + Instant.ofEpochMilli(e.end())
                        + String.format(Locale.ROOT, " p %.3f", e.probability())).toList(),
                response.answer(),
                object && !top.isEmpty() && overlaps(top.get(0).start(), top.get(0).end(), shown),
                object && top.stream().anyMatch(e -> overlaps(e.start(), e.end(), shown)),
                object && !moments.isEmpty() && overlaps(moments.get(0).start(), moments.get(0).end(), shown),
                object && moments.stream().anyMatch(m -> overlaps(m.start(), m.end(), shown)),
                top.isEmpty() ? 0 : shown.stream().mapToDouble(s -> iou(top.get(0).start(), top.get(0).end(), s)).max().orElse(0),
                p.events().isEmpty(), citesOnlyEvents(response.answer(), p.events(), window), millis, false);
    }

    /**
     * "When did the red car leave?" (or arrive): right when the best-scored moment lies within
     * {@link #TOLERANCE_MILLIS} of the visit's last (or first) frame.
     */
    private QaQuestion askWhen(String type, String subject, VisitLog.Visit visit, String camera, TimeWindow window,
                               Instant epoch) {
        boolean leave = type.equals("leave");
        String question = String.format(Locale.ROOT, leave ? "when did the %s leave?" : "when did the %s arrive?", subject);
        long instant = epoch.toEpochMilli() + (leave ? visit.lastFrame() : visit.firstFrame()) * FRAME_MILLIS;
        long t0 = System.nanoTime();
        QuestionAnswering.Prepared p = answering.prepare(question, List.of(), Set.of(camera), window, 1024, threshold,
                c -> true);
        double millis = (System.nanoTime() - t0) / 1e6;
        AskResponse response = answering.answer(p);
        List<Moment> moments = p.candidates().subList(0, Math.min(TOP, p.candidates().size()));
        boolean top1 = !moments.isEmpty() && near(moments.get(0), instant);
        boolean top5 = moments.stream().anyMatch(m -> near(m, instant));
        return new QaQuestion(type, subject, question, List.of(Instant.ofEpochMilli(instant).toString()),
                p.events().stream().sorted(Comparator.comparingDouble(MatchEvent::probability).reversed()).limit(TOP)
                        .map(e -> Instant.ofEpochMilli(e.start()) + "/" + Instant.ofEpochMilli(e.end())
                                + String.format(Locale.ROOT, " p %.3f", e.probability())).toList(),
                response.answer(), false, false, top1, top5, 0, p.events().isEmpty(),
                citesOnlyEvents(response.answer(), p.events(), window), millis, top1);
    }

    /**
     * "Did the red car come in from the left or the right?": the two statements are scored on the subject's visit
     * (the best moment overlapping it); right when the true side's scores higher.
     */
    private QaQuestion askDirection(String subject, VisitLog.Visit visit, boolean fromLeft, String camera,
                                    TimeWindow window, Instant epoch) {
        long[] shown = {epoch.toEpochMilli() + visit.firstFrame() * FRAME_MILLIS,
                epoch.toEpochMilli() + (visit.lastFrame() + 1) * FRAME_MILLIS};
        long t0 = System.nanoTime();
        double left = bestOn(String.format(Locale.ROOT, "the %s came in from the left", subject), camera, window, shown);
        double right = bestOn(String.format(Locale.ROOT, "the %s came in from the right", subject), camera, window, shown);
        double millis = (System.nanoTime() - t0) / 1e6;
        boolean hit = fromLeft ? left > right : right > left;
        String answer = String.format(Locale.ROOT, "from the %s (left %.3f, right %.3f)", left > right ? "left" : "right",
                left, right);
        return new QaQuestion("direction", subject, "did the " + subject + " come in from the left or the right?",
                List.of(Instant.ofEpochMilli(shown[0]) + "/" + Instant.ofEpochMilli(shown[1]) + " from the "
                        + (fromLeft ? "left" : "right")), List.of(), answer, false, false, false, false, 0, false, true,
                millis, hit);
    }

    private double bestOn(String statement, String camera, TimeWindow window, long[] shown) {
        QuestionAnswering.Prepared p = answering.prepare(statement, List.of(), Set.of(camera), window, 1024, threshold,
                c -> true);
        return p.candidates().stream().filter(m -> m.start() < shown[1] && m.end() > shown[0])
                .mapToDouble(Moment::score).max().orElse(Double.NEGATIVE_INFINITY);
    }

    private static boolean near(Moment m, long instant) {
        return m.start() - TOLERANCE_MILLIS <= instant && instant <= m.end() + TOLERANCE_MILLIS;
    }

    private static boolean overlaps(long start, long end, List<long[]> shown) {
        return shown.stream().anyMatch(s -> start < s[1] && end > s[0]);
    }

    static double iou(long start, long end, long[] shown) {
        double inter = Math.max(0, Math.min(end, shown[1]) - Math.max(start, shown[0]));
        double union = Math.max(end, shown[1]) - Math.min(start, shown[0]);
        return union <= 0 ? 0 : inter / union;
    }

    /** Whether every instant the answer names is a bound of the window or lies inside one of the events. */
    static boolean citesOnlyEvents(String answer, List<MatchEvent> events, TimeWindow window) {
        Matcher m = INSTANT.matcher(answer);
        while (m.find()) {
            long t = Instant.parse(m.group()).toEpochMilli();
            boolean bound = t == window.from() || t == window.to();
            boolean inside = events.stream().anyMatch(e -> t >= e.start() && t <= e.end());
            if (!bound && !inside) {
                return false;
            }
        }
        return true;
    }
}
