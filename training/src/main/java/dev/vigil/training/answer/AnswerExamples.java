package dev.vigil.training.answer;

import dev.vigil.api.ask.EventGrouping;
import dev.vigil.api.ask.MatchEvent;
import dev.vigil.api.ask.QuestionAnswering;
import dev.vigil.api.memory.Moment;
import dev.vigil.models.answer.AnswerConfig;
import dev.vigil.models.answer.AnswerEvidence;
import dev.vigil.models.answer.AnswerQuestion;
import dev.vigil.tokens.Relevance;
import dev.vigil.tokens.Similarity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The answer model's question–answer pairs over encoded scenes, with the evidence the API would give it: each
 * question is embedded with the bundle's text side, every clip in the window asked about is scored as token
 * memory's similarity scan scores an entry ({@link Similarity#entryScore}), the scored moments go through the
 * API's own {@link EventGrouping} and {@link QuestionAnswering#givenToModel} (the same classes, not a copy), and
 * each given event contributes its peak clip's first merged tokens and frame embeddings with its probability. The
 * target is {@link AnswerReference}'s answer from the ground truth.
 */
public final class AnswerExamples {

    /**
     * One question about a scene.
     *
     * @param type   what it asks
     * @param kind   the subject's kind
     * @param colour the subject's colour (for {@link QuestionType#COLOUR}: null)
     * @param text   the question in plain words
     * @param from   the window asked about, epoch millis, inclusive
     * @param to     its exclusive end
     */
    public record Asked(QuestionType type, String kind, String colour, String text, long from, long to) {
    }

    /**
     * A question with what the model is given and what it should answer.
     *
     * @param given  the given events' spans, time order (the slots' values)
     * @param target the reference answer's tokens
     */
    public record Labelled(Asked asked, AnswerQuestion question, List<AnswerEvidence> evidence,
                           List<AnswerReference.Span> given, List<String> target) {
    }

    private final Relevance relevance;
    private final double threshold;
    private final AnswerConfig model;
    private final QuestionVectors vectors;
    private final String modelId;

    /**
     * @param relevance the bundle's calibration
     * @param threshold the relevance an event needs ({@link EventGrouping#DEFAULT_THRESHOLD}, as the API's default)
     * @param model     the answer model's limits (events, tokens and frames per event)
     * @param vectors   the question encoder
     * @param modelId   the bundle's id, stamped on the scored moments
     */
    public AnswerExamples(Relevance relevance, double threshold, AnswerConfig model, QuestionVectors vectors,
                          String modelId) {
        this.relevance = relevance;
        this.threshold = threshold;
        this.model = model;
        this.vectors = vectors;
        this.modelId = modelId;
    }

    /**
     * The questions asked about a scene in one window: for every kind and colour ({@link QaScene}'s) on screen in
     * the window, when it arrived, when it left, was it there and how many times (and, for one that came once at a
     * side, from which side); the colour of every kind on screen, in each wording; then {@code absent} questions of
     * random type about kinds and colours that were not on screen in the window, and the colour of up to two kinds
     * that were not.
     */
    public List<Asked> questions(EncodedScene scene, long from, long to, int absent, Random random) {
        Map<String, List<SceneVisit>> bySubject = new LinkedHashMap<>();
        for (SceneVisit v : scene.visits()) {
            bySubject.computeIfAbsent(v.colour() + " " + v.kind(), s -> new ArrayList<>()).add(v);
        }
        List<Asked> out = new ArrayList<>();
        List<String[]> never = new ArrayList<>();
        Set<String> kindsSeen = new LinkedHashSet<>();
        for (String kind : QaScene.KINDS) {
            for (String colour : QaScene.COLOURS) {
                String subject = colour + " " + kind;
                List<SceneVisit> visits = bySubject.getOrDefault(subject, List.of());
                if (visits.stream().noneMatch(v -> v.overlaps(from, to))) {
                    never.add(new String[] {kind, colour});
                    continue;
                }
                kindsSeen.add(kind);
                for (QuestionType t : List.of(QuestionType.ARRIVE, QuestionType.LEAVE, QuestionType.SEEN,
                        QuestionType.COUNT)) {
                    out.add(ask(t, kind, colour, from, to, random));
                }
                if (visits.size() == 1 && visits.get(0).side() != null) {
                    out.add(ask(QuestionType.DIRECTION, kind, colour, from, to, random));
                }
            }
        }
        // Colour has one question per kind, too few to learn from; it is asked in each of its wordings.
        for (String kind : kindsSeen) {
            for (int w = 0; w < QuestionType.COLOUR.wordings().size(); w++) {
                out.add(new Asked(QuestionType.COLOUR, kind, null, QuestionType.COLOUR.ask(w, kind), from, to));
            }
        }
        Collections.shuffle(never, random);
        List<QuestionType> absentTypes = List.of(QuestionType.ARRIVE, QuestionType.LEAVE, QuestionType.SEEN,
                QuestionType.COUNT, QuestionType.DIRECTION);
        for (String[] s : never.subList(0, Math.min(absent, never.size()))) {
            out.add(ask(absentTypes.get(random.nextInt(absentTypes.size())), s[0], s[1], from, to, random));
        }
        List<String> kindsUnseen = new ArrayList<>(QaScene.KINDS);
        kindsUnseen.removeAll(kindsSeen);
        kindsUnseen.stream().limit(2).forEach(kind -> out.add(ask(QuestionType.COLOUR, kind, null, from, to, random)));
        return out;
    }

    /** Each question with its evidence and reference answer. */
    public List<Labelled> label(EncodedScene scene, List<Asked> questions) {
        List<AnswerQuestion> q = vectors.of(questions.stream().map(Asked::text).toList());
        List<Labelled> out = new ArrayList<>(questions.size());
        for (int i = 0; i < questions.size(); i++) {
            out.add(label(scene, questions.get(i), q.get(i)));
        }
        return out;
    }

    private Labelled label(EncodedScene scene, Asked asked, AnswerQuestion question) {
        Map<Long, SceneClip> byIndex = new HashMap<>();
        List<Moment> moments = new ArrayList<>();
        for (SceneClip c : scene.clips()) {
            if (c.startMillis() >= asked.to() || c.endMillis() <= asked.from()) {
                continue;
            }
            double score = Similarity.entryScore(question.embedding(), c.frameEmbeddings(), c.frameCount(),
                    c.clipEmbedding(), c.clipEmbeddingCount(), c.dim()).score();
            moments.add(new Moment(scene.camera(), c.index(), c.startMillis(), c.endMillis(), 0, c.tokenCount(), score,
                    modelId, false, 1));
            byIndex.put(c.index(), c);
        }
        List<MatchEvent> events = new EventGrouping(relevance, threshold).group(moments);
        List<AnswerEvidence> evidence = new ArrayList<>();
        List<AnswerReference.Span> given = new ArrayList<>();
        for (MatchEvent e : QuestionAnswering.givenToModel(events, model.maxEvents())) {
            evidence.add(evidence(byIndex.get(e.peak().clipIndex()), e.probability()));
            given.add(new AnswerReference.Span(e.start(), e.end()));
        }
        List<String> target = AnswerReference.answer(asked.type(), asked.kind(), asked.colour(), given, scene.visits());
        return new Labelled(asked, question, evidence, given, target);
    }

    private AnswerEvidence evidence(SceneClip peak, double probability) {
        int dim = peak.dim();
        int tokens = Math.min(model.maxTokensPerEvent(), peak.tokenCount());
        int frames = Math.min(model.maxFramesPerEvent(), peak.frameCount());
        return new AnswerEvidence(Arrays.copyOf(peak.tokens(), tokens * dim), tokens,
                Arrays.copyOf(peak.frameEmbeddings(), frames * dim), frames, dim, probability);
    }

    private static Asked ask(QuestionType type, String kind, String colour, long from, long to, Random random) {
        String subject = colour == null ? kind : colour + " " + kind;
        return new Asked(type, kind, colour, type.ask(random.nextInt(type.wordings().size()), subject), from, to);
    }
}
