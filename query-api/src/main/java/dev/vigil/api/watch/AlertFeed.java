package dev.vigil.api.watch;

import dev.vigil.schema.Topics;
import dev.vigil.topologies.watch.Alert;
import dev.vigil.topologies.watch.WatchJson;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Follows {@code vigil.alerts} (read-committed, so only alerts of committed Streams transactions) and hands
 * each alert to the subscribers, the SSE clients. Keeps the last {@link #RECENT} alerts so a client that
 * connects sees what just happened. Every API instance reads every alert: no consumer group.
 */
public final class AlertFeed implements AutoCloseable {
    static final int RECENT = 50;
    private static final Logger LOG = LoggerFactory.getLogger(AlertFeed.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final WatchJson json = new WatchJson();
    private final ArrayDeque<Alert> recent = new ArrayDeque<>();
    private final List<Consumer<Alert>> subscribers = new CopyOnWriteArrayList<>();
    private final Thread follower;

    public AlertFeed(Map<String, Object> clientConfig) {
        Map<String, Object> c = new HashMap<>(clientConfig);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
        this.follower = new Thread(this::follow, "follow-" + Topics.ALERTS);
        this.follower.setDaemon(true);
    }

    public AlertFeed start() {
        follower.start();
        return this;
    }

    /** The latest alerts, oldest first. */
    public synchronized List<Alert> recent() {
        return List.copyOf(recent);
    }

    /** Calls {@code subscriber} with every new alert until the returned handle is closed. */
    public AutoCloseable subscribe(Consumer<Alert> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    private void follow() {
        try {
            List<TopicPartition> partitions;
            while (true) {
                var infos = consumer.partitionsFor(Topics.ALERTS, Duration.ofSeconds(10));
                if (infos != null && !infos.isEmpty()) {
                    partitions = infos.stream().map(i -> new TopicPartition(Topics.ALERTS, i.partition())).toList();
                    break;
                }
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            consumer.endOffsets(partitions).forEach((tp, end) -> consumer.seek(tp, Math.max(begin.get(tp), end - RECENT)));
            while (!Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.value() == null) {
                        continue;
                    }
                    Alert alert;
                    try {
                        alert = json.alert(r.value());
                    } catch (IllegalArgumentException e) {
                        LOG.warn("skipping unreadable alert at {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
                        continue;
                    }
                    synchronized (this) {
                        recent.addLast(alert);
                        while (recent.size() > RECENT) {
                            recent.removeFirst();
                        }
                    }
                    for (Consumer<Alert> s : subscribers) {
                        try {
                            s.accept(alert);
                        } catch (RuntimeException e) {
                            LOG.debug("an alert subscriber failed: {}", e.getMessage());
                        }
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("stopped following {}: {}", Topics.ALERTS, e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        consumer.wakeup();
        try {
            follower.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close(Duration.ofSeconds(2));
    }
}
