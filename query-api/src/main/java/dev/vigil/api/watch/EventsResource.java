package dev.vigil.api.watch;

import dev.vigil.api.auth.Access;
import dev.vigil.api.auth.Authentication;
import dev.vigil.topologies.watch.Alert;
import dev.vigil.api.ApiException;
import io.javalin.http.Handler;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /v1/events}: alerts as Server-Sent Events ({@code event: alert}), each filtered by the caller's
 * cameras. A comment every 15 s keeps proxies from closing an idle stream and finds clients that went away.
 */
public final class EventsResource implements AutoCloseable {
    private static final String EVENT_STREAM = "text/event-stream";
    private final AlertFeed feed;
    private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sse-heartbeat");
        t.setDaemon(true);
        return t;
    });

    public EventsResource(AlertFeed feed) {
        this.feed = feed;
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

    private static void send(SseClient client, Access access, Alert a) {
        if (access.canSee(a.cameraId()) && !client.terminated()) {
            synchronized (client) { // the feed thread and the replay may write at once
                client.sendEvent("alert", AlertEvent.of(a), a.alertId());
            }
        }
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
