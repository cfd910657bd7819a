package dev.vigil.api.watch;

import dev.vigil.api.ApiException;
import dev.vigil.api.auth.Access;
import dev.vigil.api.auth.Authentication;
import dev.vigil.tokens.Relevance;
import dev.vigil.topologies.watch.Alert;
import dev.vigil.topologies.watch.Watch;
import io.javalin.http.Handler;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * {@code GET /v1/events}: alerts as Server-Sent Events ({@code event: alert}). A key gets an alert only when it
 * may see the alert's camera and the watch that fired ({@link WatchesResource#visible}: the watches it can list),
 * since the alert carries the watch's question. An alert of a watch deleted since goes only to keys that see every
 * camera. A comment every 15 s keeps proxies from closing an idle stream and finds clients that went away.
 */
public final class EventsResource implements AutoCloseable {
    private static final String EVENT_STREAM = "text/event-stream";
    private final AlertFeed feed;
    private final Function<String, Optional<Watch>> watches;
    private final Relevance relevance;
    private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sse-heartbeat");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param watches   the standing questions by id ({@code vigil.watches})
     * @param relevance the bundle's calibration, for the alerts' probabilities
     */
    public EventsResource(AlertFeed feed, Function<String, Optional<Watch>> watches, Relevance relevance) {
        this.feed = feed;
        this.watches = watches;
        this.relevance = relevance;
        heartbeat.scheduleAtFixedRate(this::beat, 15, 15, TimeUnit.SECONDS);
    }

    /**
     * The handler of {@code GET /v1/events}. Javalin serves Server-Sent Events only to a request whose
     * {@code Accept} is exactly {@code text/event-stream} (what a browser's {@code EventSource} sends) and would
     * answer anything else with an empty 200, which looks like "no alerts, ever". Such a request gets a 406
     * that says which header to send instead.
     */
    public Handler handler() {
        SseHandler sse = new SseHandler(0, this::connect);
        return ctx -> {
            String accept = ctx.header("Accept");
            if (!EVENT_STREAM.equals(accept == null ? null : accept.trim())) {
                throw new ApiException(406, "not acceptable",
                        "/v1/events is a Server-Sent Events stream: send exactly 'Accept: " + EVENT_STREAM
                                + "' (e.g. curl -N -H 'Accept: " + EVENT_STREAM + "' ...); got "
                                + (accept == null ? "no Accept header" : "'" + accept + "'"));
            }
            sse.handle(ctx);
        };
    }

    /** The SSE client consumer: replays recent visible alerts, then streams new ones. */
    public void connect(SseClient client) {
        Access access = Authentication.of(client.ctx());
        client.keepAlive();
        clients.add(client);
        client.sendComment("vigil alerts");
        for (Alert a : feed.recent()) {
            send(client, access, a);
        }
        AutoCloseable subscription = feed.subscribe(a -> send(client, access, a));
        client.onClose(() -> {
            clients.remove(client);
            try {
                subscription.close();
            } catch (Exception e) {
                // removing a subscriber cannot fail
            }
        });
    }

    private void send(SseClient client, Access access, Alert a) {
        if (mayReceive(access, a) && !client.terminated()) {
            synchronized (client) { // the feed thread and the replay may write at once
                client.sendEvent("alert", AlertEvent.of(a, relevance), a.alertId());
            }
        }
    }

    private boolean mayReceive(Access access, Alert a) {
        if (!access.canSee(a.cameraId())) {
            return false;
        }
        return watches.apply(a.watchId()).map(w -> WatchesResource.visible(w, access))
                .orElseGet(() -> access.key().allCameras());
    }

    private void beat() {
        for (SseClient c : clients) {
            synchronized (c) {
                c.sendComment("keep-alive");
            }
            if (c.terminated()) {
                clients.remove(c);
            }
        }
    }

    @Override
    public void close() {
        heartbeat.shutdownNow();
        clients.forEach(SseClient::close);
    }
}
