package dev.vigil.api.ask;

import dev.vigil.api.ApiException;
import dev.vigil.api.ApiSettings;
import dev.vigil.api.JsonBody;
import dev.vigil.api.TimeWindow;
import dev.vigil.api.auth.Access;
import dev.vigil.api.auth.Authentication;
import io.javalin.http.Context;

import java.time.Clock;
import java.util.List;
import java.util.Set;

/** {@code POST /v1/ask} and {@code GET /v1/search}. */
public final class AskResource {
    private final QuestionAnswering answering;
    private final CameraChoice cameras;
    private final JsonBody body;
    private final ApiSettings settings;
    private final Clock clock;

    public AskResource(QuestionAnswering answering, CameraChoice cameras, JsonBody body, ApiSettings settings, Clock clock) {
        this.answering = answering;
        this.cameras = cameras;
        this.body = body;
        this.settings = settings;
        this.clock = clock;
    }

    /** {@code POST /v1/ask}: the answer with its evidence. */
    public void ask(Context ctx) {
        Access access = Authentication.of(ctx);
        AskRequest r = body.read(ctx, AskRequest.class);
        String question = question(r.question());
        TimeWindow window = TimeWindow.of(TimeWindow.text("from", r.from()), TimeWindow.text("to", r.to()), r.last(), clock);
        int budget = r.budget() == null ? settings.defaultBudget() : r.budget();
        if (budget < 1 || budget > 65_536) {
            throw ApiException.badRequest("budget must be 1..65536 visual tokens, got " + budget);
        }
        double threshold = r.threshold() == null ? EventGrouping.DEFAULT_THRESHOLD : r.threshold();
        if (!(threshold > 0 && threshold < 1)) {
            throw ApiException.badRequest("threshold is a relevance (probability), strictly between 0 and 1; got " + threshold);
        }
        Set<String> chosen = cameras.resolve(r.cameras(), access);
        var prepared = answering.prepare(question, List.of(), chosen, window, budget, threshold, access::canSee);
        ctx.json(answering.answer(prepared));
    }

    /**
     * {@code GET /v1/search?q=&cameras=a,b&from=&to=&last=&limit=}: moments ranked by similarity (and so by relevance),
     * across cameras, matching or not.
     */
    public void search(Context ctx) {
        Access access = Authentication.of(ctx);
        String question = question(ctx.queryParam("q"));
        TimeWindow window = TimeWindow.of(ctx.queryParam("from"), ctx.queryParam("to"), ctx.queryParam("last"), clock);
        int limit = limit(ctx.queryParam("limit"));
        String list = ctx.queryParam("cameras");
        Set<String> chosen = list == null || list.isBlank() || list.equals("*")
                ? cameras.resolve(null, access)
                : cameras.resolve(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode()
                .addAll(java.util.Arrays.stream(list.split(",")).map(String::trim)
                        .map(com.fasterxml.jackson.databind.node.TextNode::valueOf).toList()), access);
        var prepared = answering.prepare(question, List.of(), chosen, window, 1, EventGrouping.DEFAULT_THRESHOLD, access::canSee);
        List<Evidence> results = prepared.candidates().stream().limit(limit)
                .map(m -> Evidence.of(m, answering.relevance())).toList();
        ctx.json(new SearchResponse(question, results, answering.modelId()));
    }

    /** The search results. */
    public record SearchResponse(String q, List<Evidence> results, String model) {
    }

    private String question(String q) {
        if (q == null || q.isBlank()) {
            throw ApiException.badRequest("the question is empty");
        }
        if (q.length() > settings.maxQuestion()) {
            throw ApiException.badRequest("the question is " + q.length() + " characters; at most "
                    + settings.maxQuestion() + " are accepted");
        }
        return q.strip();
    }

    private static int limit(String text) {
        if (text == null) {
            return 20;
        }
        try {
            int n = Integer.parseInt(text);
            if (n >= 1 && n <= 500) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw ApiException.badRequest("limit must be a number 1..500, got '" + text + "'");
    }

}
