package dev.vigil.api.watch;

import dev.vigil.api.auth.Access;
import dev.vigil.api.auth.Authentication;
import dev.vigil.topologies.watch.Alert;
import dev.vigil.tokens.Relevance;
import io.javalin.http.sse.SseClient;

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
    private final AlertFeed feed;
    private final Relevance relevance;
    private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sse-heartbeat");
        t.setDaemon(true);
        return t;
    });

    /** @param relevance the bundle's calibration, for the alerts' probabilities */
    public EventsResource(AlertFeed feed, Relevance relevance) {
        this.feed = feed;
        this.relevance = relevance;
        heartbeat.scheduleAtFixedRate(this::beat, 15, 15, TimeUnit.SECONDS);
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
        if (access.canSee(a.cameraId()) && !client.terminated()) {
            synchronized (client) { // the feed thread and the replay may write at once
                client.sendEvent("alert", AlertEvent.of(a, relevance), a.alertId());
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
