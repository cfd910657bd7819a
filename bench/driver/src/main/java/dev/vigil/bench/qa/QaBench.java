package dev.vigil.bench.qa;

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
import dev.vigil.api.llm.Llm;
import dev.vigil.app.BuiltInAnswerer;
import dev.vigil.app.BundleQuestionEmbedder;
import dev.vigil.app.VigilCluster;
import dev.vigil.bench.niah.HaystackPipeline;
import dev.vigil.ingest.synthcam.GroundTruthEvent;
import dev.vigil.models.answer.AnswerText;
import dev.vigil.training.answer.AnswerReference;
import dev.vigil.training.answer.QaScene;
import dev.vigil.training.answer.QuestionType;
import dev.vigil.training.answer.SceneVisit;
import dev.vigil.training.synthcam.VisitLog;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
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
 *
 * <p>When the bundle ships the built-in answer model ({@link BuiltInAnswerer}), it writes the answers, as it does
 * behind {@code POST /v1/ask}, and each answer is also scored for exact match against {@link AnswerReference}'s
 * (the trainer's targets) over the events the model was given; counting and colour questions are then asked too.
 */
public final class QaBench implements AutoCloseable {
    private static final long FRAME_MILLIS = (long) (1000 / QaScene.FPS);
    private static final int TOP = 5;
    /** How far from the instant asked about a leave / arrive answer's moment may lie. */
    static final long TOLERANCE_MILLIS = 2000;
    private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");

    private final HaystackPipeline pipeline;
    private final Optional<BuiltInAnswerer> answerer;
    private final QuestionAnswering answering;
    private final double threshold;

    QaBench(HaystackPipeline pipeline, double threshold) {
        this.pipeline = pipeline;
        this.threshold = threshold;
        this.answerer = BuiltInAnswerer.of(pipeline.encoder(), Clock.systemUTC());
        ObjectMapper json = new ObjectMapper();
        MemoryView memory = new MemoryView(pipeline.memory(),
                new MemoryForwarding(json, new MemoryQueryJson(json), "http", "vigil-bench-qa"), json);
        this.answering = new QuestionAnswering(memory, new BundleQuestionEmbedder(pipeline.encoder()),
                answerer.map(a -> (Llm) a), EvidenceSelection.balanced());
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

    /** Whether the bundle's built-in answer model writes the answers (else they are the evidence-only account). */
    public boolean hasAnswerModel() {
        return answerer.isPresent();
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
        Scene on = new Scene(camera, window, epoch, present.values().stream().flatMap(List::stream)
                .map(v -> new SceneVisit(v.kind(), v.colour(), v.actions(), epoch.toEpochMilli() + v.firstFrame() * FRAME_MILLIS,
                        epoch.toEpochMilli() + (v.lastFrame() + 1) * FRAME_MILLIS)).toList());
        Random random = new Random(scene.seed() * 7 + 3);
        List<QaQuestion> questions = new ArrayList<>();
        Reliability reliability = new Reliability();
        present.forEach((subject, visits) -> questions.add(ask("object", subject, visits, on, random, reliability)));
        // temporal questions only where the answer is one instant: subjects that came once
        present.forEach((subject, visits) -> {
            if (visits.size() != 1) {
                return;
            }
            VisitLog.Visit v = visits.get(0);
            if (v.firstFrame() > 0) {
                questions.add(askWhen("arrive", subject, v, on));
            }
            if (v.actions().contains("leaves")) {
                questions.add(askWhen("leave", subject, v, on));
            }
            if (v.actions().contains("enters_left") || v.actions().contains("enters_right")) {
                questions.add(askDirection(subject, v, v.actions().contains("enters_left"), on));
            }
        });
        if (answerer.isPresent()) {
            // their answers compose events (how many, which colour), which only the answer model writes
            present.forEach((subject, visits) -> questions.add(askAnswerOnly(QuestionType.COUNT, subject, visits, on,
                    random)));
            Map<String, List<VisitLog.Visit>> byKind = new LinkedHashMap<>();
            present.values().stream().flatMap(List::stream)
                    .forEach(v -> byKind.computeIfAbsent(v.kind(), k -> new ArrayList<>()).add(v));
            byKind.forEach((kind, visits) -> questions.add(askAnswerOnly(QuestionType.COLOUR, kind, visits, on, random)));
        }
        List<String> never = new ArrayList<>();
        for (String kind : QaScene.KINDS) {
            for (String colour : QaScene.COLOURS) {
                if (!present.containsKey(colour + " " + kind)) {
                    never.add(colour + " " + kind);
                }
            }
        }
        Collections.shuffle(never, random);
        for (String subject : never.subList(0, Math.min(absent, never.size()))) {
            questions.add(ask("absent", subject, List.of(), on, random, reliability));
        }
        return new SceneResult(url, questions, reliability);
    }

    /**
     * A scene's URL, its questions, and how often moments of each relevance really showed the subject.
     */
    public record SceneResult(String url, List<QaQuestion> questions, Reliability reliability) {
    }

    /** The scene being asked about: its camera, the window asked (the whole scene), and its ground truth. */
    private record Scene(String camera, TimeWindow window, Instant epoch, List<SceneVisit> visits) {
    }

    /** An answer with its reference and how long writing it took. */
    private record Answered(AskResponse response, String reference, boolean exact, double millis) {
    }

    private QuestionAnswering.Prepared prepare(String question, Scene on) {
        return answering.prepare(question, List.of(), Set.of(on.camera()), on.window(), 1024, threshold, c -> true);
    }

    /**
     * Writes the answer and, with the answer model, scores it against the reference over the events the model was
     * given ({@link QuestionAnswering#givenToModel}: the API's rule). {@code subject} is "red car" (or for
     * {@link QuestionType#COLOUR}, the kind alone).
     */
    private Answered answer(QuestionType type, String subject, QuestionAnswering.Prepared p, Scene on) {
        long t0 = System.nanoTime();
        AskResponse response = answering.answer(p);
        double millis = (System.nanoTime() - t0) / 1e6;
        if (answerer.isEmpty()) {
            return new Answered(response, "", false, millis);
        }
        String[] words = subject.split(" ", 2);
        String kind = words.length == 2 ? words[1] : words[0];
        String colour = words.length == 2 ? words[0] : null;
        List<MatchEvent> given = QuestionAnswering.givenToModel(p.events(), answerer.get().tokenReading().orElseThrow()
                .maxEvents());
        List<String> tokens = AnswerReference.answer(type, kind, colour,
                given.stream().map(e -> new AnswerReference.Span(e.start(), e.end())).toList(), on.visits());
        String reference = AnswerText.render(tokens,
                given.stream().map(e -> new AnswerText.EventSlots(e.camera(), e.start(), e.end())).toList(),
                p.window().describe());
        return new Answered(response, reference, reference.equals(response.answer()), millis);
    }

    private QaQuestion ask(String type, String subject, List<VisitLog.Visit> visits, Scene on, Random random,
                           Reliability reliability) {
        QuestionType asked = QuestionType.SEEN;
        String question = asked.ask(random.nextInt(asked.wordings().size()), subject);
        long t0 = System.nanoTime();
        QuestionAnswering.Prepared p = prepare(question, on);
        double millis = (System.nanoTime() - t0) / 1e6;
        Answered a = answer(asked, subject, p, on);
        List<long[]> shown = spans(visits, on.epoch());
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
                top.stream().map(QaBench::describe).toList(), a.response().answer(),
                object && !top.isEmpty() && overlaps(top.get(0).start(), top.get(0).end(), shown),
                object && top.stream().anyMatch(e -> overlaps(e.start(), e.end(), shown)),
                object && !moments.isEmpty() && overlaps(moments.get(0).start(), moments.get(0).end(), shown),
                object && moments.stream().anyMatch(m -> overlaps(m.start(), m.end(), shown)),
                top.isEmpty() ? 0 : shown.stream().mapToDouble(s -> iou(top.get(0).start(), top.get(0).end(), s)).max().orElse(0),
                p.events().isEmpty(), citesOnlyEvents(a.response().answer(), p.events(), on.window()), millis, false,
                a.reference(), a.exact(), a.millis(), "");
    }

    /**
     * A question only the answer model's answer is scored on (how many times, which colour): exact match against
     * the reference, and that it cites only its events.
     */
    private QaQuestion askAnswerOnly(QuestionType type, String subject, List<VisitLog.Visit> visits, Scene on,
                                     Random random) {
        String question = type.ask(random.nextInt(type.wordings().size()), subject);
        long t0 = System.nanoTime();
        QuestionAnswering.Prepared p = prepare(question, on);
        double millis = (System.nanoTime() - t0) / 1e6;
        Answered a = answer(type, subject, p, on);
        return new QaQuestion(type.label(), subject, question,
                spans(visits, on.epoch()).stream().map(s -> Instant.ofEpochMilli(s[0]) + "/" + Instant.ofEpochMilli(s[1]))
                        .toList(), byRelevance(p.events()), a.response().answer(), false, false, false, false, 0,
                p.events().isEmpty(), citesOnlyEvents(a.response().answer(), p.events(), on.window()), millis, false,
                a.reference(), a.exact(), a.millis(), "");
    }

    /**
     * "When did the red car leave?" (or arrive): right when the best-scored moment lies within
     * {@link #TOLERANCE_MILLIS} of the visit's last (or first) frame.
     */
    private QaQuestion askWhen(String type, String subject, VisitLog.Visit visit, Scene on) {
        boolean leave = type.equals("leave");
        QuestionType asked = leave ? QuestionType.LEAVE : QuestionType.ARRIVE;
        String question = asked.ask(0, subject);
        long instant = on.epoch().toEpochMilli() + (leave ? visit.lastFrame() : visit.firstFrame()) * FRAME_MILLIS;
        long t0 = System.nanoTime();
        QuestionAnswering.Prepared p = prepare(question, on);
        double millis = (System.nanoTime() - t0) / 1e6;
        Answered a = answer(asked, subject, p, on);
        List<Moment> moments = p.candidates().subList(0, Math.min(TOP, p.candidates().size()));
        boolean top1 = !moments.isEmpty() && near(moments.get(0), instant);
        boolean top5 = moments.stream().anyMatch(m -> near(m, instant));
        return new QaQuestion(type, subject, question, List.of(Instant.ofEpochMilli(instant).toString()),
                byRelevance(p.events()), a.response().answer(), false, false, top1, top5, 0, p.events().isEmpty(),
                citesOnlyEvents(a.response().answer(), p.events(), on.window()), millis, top1, a.reference(), a.exact(),
                a.millis(), "");
    }

    /**
     * "Did the red car come in from the left or the right?": the two statements are scored on the subject's visit
     * (the best moment overlapping it); right when the true side's scores higher (kept in {@code detail}). The
     * question itself is answered too, as the API answers it.
     */
    private QaQuestion askDirection(String subject, VisitLog.Visit visit, boolean fromLeft, Scene on) {
        long[] shown = spans(List.of(visit), on.epoch()).get(0);
        String question = QuestionType.DIRECTION.ask(1, subject);
        long t0 = System.nanoTime();
        double left = bestOn(String.format(Locale.ROOT, "the %s came in from the left", subject), on, shown);
        double right = bestOn(String.format(Locale.ROOT, "the %s came in from the right", subject), on, shown);
        double millis = (System.nanoTime() - t0) / 1e6;
        boolean hit = fromLeft ? left > right : right > left;
        String detail = String.format(Locale.ROOT, "statements scored on the visit: from the %s (left %.3f, right %.3f)",
                left > right ? "left" : "right", left, right);
        QuestionAnswering.Prepared p = prepare(question, on);
        Answered a = answer(QuestionType.DIRECTION, subject, p, on);
        return new QaQuestion("direction", subject, question,
                List.of(Instant.ofEpochMilli(shown[0]) + "/" + Instant.ofEpochMilli(shown[1]) + " from the "
                        + (fromLeft ? "left" : "right")), byRelevance(p.events()), a.response().answer(), false, false,
                false, false, 0, p.events().isEmpty(), citesOnlyEvents(a.response().answer(), p.events(), on.window()),
                millis, hit, a.reference(), a.exact(), a.millis(), detail);
    }

    private double bestOn(String statement, Scene on, long[] shown) {
        return prepare(statement, on).candidates().stream().filter(m -> m.start() < shown[1] && m.end() > shown[0])
                .mapToDouble(Moment::score).max().orElse(Double.NEGATIVE_INFINITY);
    }

    /** Visits as epoch-millis {@code [start, end)} spans. */
    private static List<long[]> spans(List<VisitLog.Visit> visits, Instant epoch) {
        return visits.stream().map(v -> new long[] {epoch.toEpochMilli() + v.firstFrame() * FRAME_MILLIS,
                epoch.toEpochMilli() + (v.lastFrame() + 1) * FRAME_MILLIS}).toList();
    }

    /** The five most relevant events, described. */
    private static List<String> byRelevance(List<MatchEvent> events) {
        return events.stream().sorted(Comparator.comparingDouble(MatchEvent::probability).reversed()).limit(TOP)
                .map(QaBench::describe).toList();
    }

    private static String describe(MatchEvent e) {
        return Instant.ofEpochMilli(e.start()) + "/" + Instant.ofEpochMilli(e.end())
                + String.format(Locale.ROOT, " p %.3f", e.probability());
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
