package dev.vigil.api.ask;

import dev.vigil.api.TimeWindow;
import dev.vigil.api.llm.Llm;
import dev.vigil.api.llm.LlmAnswer;
import dev.vigil.api.llm.LlmPrompt;
import dev.vigil.api.llm.TokenReading;
import dev.vigil.api.memory.MemoryView;
import dev.vigil.api.memory.Moment;
import dev.vigil.state.GlobalEmbedding;
import dev.vigil.tokens.Relevance;
import dev.vigil.tokens.Similarity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Answers a question over camera memory: embeds it, scores the moments in the window (through
 * {@link MemoryView}, so remote cameras are asked at their owning instance), selects evidence within the token
 * budget ({@link EvidenceSelection}), groups the moments whose calibrated relevance reaches the threshold into
 * events ({@link EventGrouping}), adds each camera's global semantics (LongVLM), then asks the LLM, or with none
 * configured describes the events and says that no LLM is configured. A model that reads stored tokens (the
 * built-in answer model, {@link Llm#tokenReading()}) also gets the tokens of the events it is given
 * ({@link #givenToModel}); any other gets none, so no tokens are read out of memory for it.
 */
public final class QuestionAnswering {
    /** Candidates scored per question: enough for an hour of 2 s clips on one camera. */
    static final int MAX_CANDIDATES = 2048;

    private final MemoryView memory;
    private final QuestionEmbedder embedder;
    private final Optional<Llm> llm;
    private final EvidenceSelection selection;

    public QuestionAnswering(MemoryView memory, QuestionEmbedder embedder, Optional<Llm> llm, EvidenceSelection selection) {
        this.memory = memory;
        this.embedder = embedder;
        this.llm = llm;
        this.selection = selection;
    }

    /**
     * The evidence for a question, ready to answer.
     *
     * @param cameras   the cameras (null = every camera; results are still filtered by {@code visible})
     * @param threshold the relevance (probability) that makes a moment a match, strictly between 0 and 1
     * @param visible   which cameras the asker may see ({@code access::canSee})
     */
    public Prepared prepare(String question, List<LlmPrompt.Turn> history, Set<String> cameras, TimeWindow window,
                            int budget, double threshold, Predicate<String> visible) {
        float[] q = embedder.embed(question);
        List<Moment> candidates = memory.similar(cameras, q, window, MAX_CANDIDATES).stream()
                .filter(m -> visible.test(m.camera())).toList();
        List<MatchEvent> events = new EventGrouping(embedder.relevance(), threshold).group(candidates);
        EvidenceSelection.Result chosen = selection.select(candidates, budget);
        Set<String> involved = new LinkedHashSet<>();
        if (cameras != null) {
            involved.addAll(cameras);
        }
        chosen.chosen().forEach(m -> involved.add(m.camera()));
        List<LlmPrompt.CameraContext> contexts = new ArrayList<>();
        for (String camera : involved) {
            GlobalEmbedding g = memory.global(camera);
            double score = g.count() == 0 || g.mean().length != q.length ? Double.NaN : Similarity.cosine(q, g.mean());
            contexts.add(new LlmPrompt.CameraContext(camera, g.count(), score));
        }
        return new Prepared(question, history, window, threshold, events, chosen, contexts, candidates);
    }

    /** The answer to a prepared question: the LLM's, or the evidence-only account. */
    public AskResponse answer(Prepared p) {
        String text;
        String by;
        if (llm.isPresent()) {
            LlmAnswer a = llm.get().complete(prompt(p, llm.get()));
            text = a.text();
            by = llm.get().describe();
        } else {
            text = evidenceOnly(p);
            by = "none";
        }
        return response(p, text, by);
    }

    /** Streams the LLM's answer chunks (OpenAI chunk JSON); only when an LLM is configured. */
    public void stream(Prepared p, Consumer<String> data) {
        Llm model = llm.orElseThrow();
        model.stream(prompt(p, model), data);
    }

    /** Whether answers come from an LLM. */
    public boolean hasLlm() {
        return llm.isPresent();
    }

    /** The evidence-only text of a prepared question. */
    public String evidenceOnly(Prepared p) {
        return EvidenceOnlyAnswer.of(p.question(), p.events(), best(p), p.window(), p.threshold(), embedder.relevance());
    }

    public String modelId() {
        return embedder.modelId();
    }

    public String llmName() {
        return llm.map(Llm::describe).orElse("none");
    }

    /** How the bundle's similarities become probabilities. */
    public Relevance relevance() {
        return embedder.relevance();
    }

    /** The response body around an answer text. */
    public AskResponse response(Prepared p, String text, String by) {
        Relevance relevance = embedder.relevance();
        return new AskResponse(text, p.events().stream().map(e -> AskResponse.Event.of(e, relevance)).toList(),
                p.threshold(), p.chosen().chosen().stream().map(m -> Evidence.of(m, relevance)).toList(),
                new AskResponse.Tokens(p.chosen().selected(), p.chosen().available()),
                p.contexts().stream().map(c -> new AskResponse.CameraContext(c.camera(), c.frames(),
                        Double.isNaN(c.globalScore()) ? null : Math.round(c.globalScore() * 10_000) / 10_000.0)).toList(),
                embedder.modelId(), by);
    }

    private LlmPrompt prompt(Prepared p, Llm model) {
        List<LlmPrompt.PromptMoment> moments = new ArrayList<>();
        for (Moment m : p.chosen().chosen()) {
            byte[] keyframe = m.hasKeyframe() && model.readsKeyframes()
                    ? memory.keyframe(m.camera(), m.clipId()).orElse(null) : null;
            moments.add(new LlmPrompt.PromptMoment(m.camera(), m.start(), m.end(), m.score(),
                    embedder.relevance().probability(m.score()), keyframe));
        }
        List<LlmPrompt.PromptEvent> events = p.events().stream().map(QuestionAnswering::promptEvent).toList();
        List<LlmPrompt.EventTokens> tokens = model.tokenReading().map(r -> tokens(p.events(), r)).orElse(List.of());
        return new LlmPrompt(p.question(), p.history(), p.contexts(), events, p.threshold(), p.window().describe(), moments,
                tokens);
    }

    /** The events a token reader is given, each with its peak moment's stored tokens, in time order. */
    private List<LlmPrompt.EventTokens> tokens(List<MatchEvent> events, TokenReading reading) {
        List<LlmPrompt.EventTokens> out = new ArrayList<>();
        for (MatchEvent e : givenToModel(events, reading.maxEvents())) {
            Moment peak = e.peak();
            // Empty when retention dropped the peak since it was scored: the model is then given one event fewer,
            // which is what memory holds.
            memory.tokens(peak.camera(), peak.clipId(), reading.maxTokensPerEvent(), reading.maxFramesPerEvent())
                    .ifPresent(t -> out.add(LlmPrompt.EventTokens.of(promptEvent(e), t)));
        }
        return out;
    }

    /**
     * The events a model that reads tokens is given (the same rule as its trainer's): the {@code max} events of
     * highest probability, on a tie the later one first, then back in time order.
     *
     * @param events the matching events, in time order (as {@link EventGrouping} gives them)
     */
    public static List<MatchEvent> givenToModel(List<MatchEvent> events, int max) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            order.add(i);
        }
        // by index, since the list is in time order: "later" is the higher index
        order.sort(Comparator.<Integer>comparingDouble(i -> events.get(i).probability()).reversed()
                .thenComparing(Comparator.<Integer>reverseOrder()));
        return order.stream().limit(max).sorted().map(events::get).toList();
    }

    private static LlmPrompt.PromptEvent promptEvent(MatchEvent e) {
        return new LlmPrompt.PromptEvent(e.camera(), e.start(), e.end(), e.probability());
    }

    private static Moment best(Prepared p) {
        return p.candidates().isEmpty() ? null : p.candidates().get(0);
    }

    /**
     * A question with its evidence chosen.
     *
     * @param window     the time window asked about
     * @param threshold  the relevance a match needed
     * @param events     the matching events, in time order
     * @param candidates every scored candidate, best first
     */
    public record Prepared(String question, List<LlmPrompt.Turn> history, TimeWindow window, double threshold,
                           List<MatchEvent> events, EvidenceSelection.Result chosen,
                           List<LlmPrompt.CameraContext> contexts, List<Moment> candidates) {
    }
}
