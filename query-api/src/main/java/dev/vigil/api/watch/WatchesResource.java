package dev.vigil.api.watch;

import dev.vigil.api.ApiException;
import dev.vigil.api.ApiSettings;
import dev.vigil.schema.DurationText;
import dev.vigil.api.JsonBody;
import dev.vigil.api.ask.CameraChoice;
import dev.vigil.api.ask.EventGrouping;
import dev.vigil.api.ask.QuestionEmbedder;
import dev.vigil.api.auth.Access;
import dev.vigil.api.auth.Authentication;
import dev.vigil.api.auth.Scope;
import dev.vigil.api.cameras.CompactedTopic;
import dev.vigil.topologies.watch.Watch;
import io.javalin.http.Context;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /v1/watches}: standing questions. The question is embedded here (the API owns the text tower) and the
 * watch is written to {@code vigil.watches}, where the watch topology picks it up for the next clip. The threshold
 * is a relevance (probability); the watch stores the cosine similarity it corresponds to for the bundle that
 * embedded the question, which is the only bundle whose clips the watch is compared with.
 */
public final class WatchesResource {
    private final CompactedTopic<Watch> watches;
    private final QuestionEmbedder embedder;
    private final CameraChoice cameras;
    private final JsonBody body;
    private final ApiSettings settings;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public WatchesResource(CompactedTopic<Watch> watches, QuestionEmbedder embedder, CameraChoice cameras, JsonBody body,
                           ApiSettings settings, Clock clock) {
        this.watches = watches;
        this.embedder = embedder;
        this.cameras = cameras;
        this.body = body;
        this.settings = settings;
        this.clock = clock;
    }

    /** {@code POST /v1/watches}. */
    public void create(Context ctx) {
        Access access = Authentication.of(ctx);
        WatchRequest r = body.read(ctx, WatchRequest.class);
        if (r.question() == null || r.question().isBlank() || r.question().length() > settings.maxQuestion()) {
            throw ApiException.badRequest("question must be 1.." + settings.maxQuestion() + " characters");
        }
        double threshold = r.threshold() == null ? EventGrouping.DEFAULT_THRESHOLD : r.threshold();
        if (!(threshold > 0 && threshold < 1)) {
            throw ApiException.badRequest("threshold is a relevance (probability), strictly between 0 and 1; got " + threshold);
        }
        long cooldown = r.cooldown() == null ? 60_000
                : ApiException.orBadRequest(() -> DurationText.parse("cooldown", r.cooldown())).toMillis();
        Map<String, Watch> all = watches.all();
        if (all.size() >= settings.maxWatches()) {
            throw new ApiException(409, "too many watches", all.size() + " watches exist, the installation's limit is "
                    + settings.maxWatches() + "; delete some first");
        }
        long own = all.values().stream().filter(w -> access.key().id().equals(w.createdBy())).count();
        if (own >= settings.maxWatchesPerKey()) {
            throw new ApiException(409, "too many watches", "this API key (" + access.key().id() + ") has created "
                    + own + " watches, the limit per key is " + settings.maxWatchesPerKey() + "; delete some first");
        }
        Set<String> chosen = cameras.resolve(r.cameras(), access);
        String id = "w-" + HexFormat.of().formatHex(bytes());
        Watch watch = new Watch(id, r.question().strip(), chosen == null ? List.of() : new ArrayList<>(chosen),
                embedder.embed(r.question().strip()), embedder.modelId(), embedder.relevance().cosineAt(threshold), cooldown, access.key().id(), clock.millis());
        watches.put(id, watch);
        ctx.status(201).json(WatchView.of(watch, embedder.relevance()));
    }

    /** {@code GET /v1/watches}: the watches whose cameras the key may all see. */
    public void list(Context ctx) {
        Access access = Authentication.of(ctx);
        List<WatchView> views = watches.all().values().stream().filter(w -> visible(w, access))
                .sorted(Comparator.comparingLong(Watch::createdAt)).map(w -> WatchView.of(w, embedder.relevance())).toList();
        ctx.json(Map.of("watches", views));
    }

    /** {@code DELETE /v1/watches/{id}}: by its creator or an admin key. */
    public void delete(Context ctx) {
        Access access = Authentication.of(ctx);
        String id = ctx.pathParam("id");
        Watch w = watches.get(id).filter(x -> visible(x, access))
                .orElseThrow(() -> ApiException.notFound("unknown watch", "there is no watch '" + ApiException.echo(id) + "'"));
        if (!access.key().id().equals(w.createdBy()) && !access.key().scopes().contains(Scope.ADMIN)) {
            throw ApiException.forbidden("only the key that created watch " + id + " or an admin key may delete it");
        }
        watches.delete(id);
        ctx.status(204);
    }

    /**
     * Whether the key may see this watch (and so its alerts): a watch on named cameras when it sees all of them,
     * a watch on every camera only when it sees every camera. {@code /v1/events} filters alerts by the same rule.
     */
    public static boolean visible(Watch w, Access access) {
        return w.cameras().isEmpty() ? access.key().allCameras() : w.cameras().stream().allMatch(access::canSee);
    }

    private byte[] bytes() {
        byte[] b = new byte[6];
        random.nextBytes(b);
        return b;
    }
}
