package dev.vigil.app;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * How far the consumer groups of this process (the encoder workers, the Streams applications) are behind
 * their input topics, as {@code vigil.consumer.lag{group, topic}}: the sum over the topic's partitions of end
 * offset minus the group's committed offset, read with an admin client every {@link #EVERY}. End offsets
 * are read committed, so transaction markers and aborted records are not counted as work to do. The lag of
 * the encoder workers' group on {@code vigil.clips} is also shown as {@code vigil.encoder.backlog}: clips
 * waiting for an encoder.
 *
 * <p>Computed from offsets rather than bound from each client's own {@code records-lag-max}, because that
 * metric is per fetching client and is only updated while it fetches: a stuck consumer stops reporting
 * exactly when its lag matters.
 */
public final class ConsumerLag implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConsumerLag.class);

    /** How often the offsets are read. */
    public static final Duration EVERY = Duration.ofSeconds(10);

    private final Admin admin;
    private final MeterRegistry metrics;
    private final List<String> groups;
    private final String encoderGroup;
    private final String clipsTopic;
    private final Map<String, AtomicLong> lags = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "vigil-consumer-lag");
        t.setDaemon(true);
        return t;
    });

    /**
     * Starts reading at once, then every {@link #EVERY}.
     *
     * @param clientConfig  Kafka client settings (bootstrap servers, security)
     * @param groups        the consumer groups to watch (worker group, Streams application ids)
     * @param encoderGroup  the encoder workers' group, whose lag on {@code clipsTopic} is the encoder backlog
     * @param clipsTopic    the topic the encoder workers read
     */
    public ConsumerLag(Map<String, Object> clientConfig, List<String> groups, String encoderGroup, String clipsTopic,
                       MeterRegistry metrics) {
        Map<String, Object> c = new HashMap<>(clientConfig);
        c.putIfAbsent("client.id", "vigil-consumer-lag");
        this.admin = Admin.create(c);
        this.metrics = metrics;
        this.groups = List.copyOf(groups);
        this.encoderGroup = encoderGroup;
        this.clipsTopic = clipsTopic;
        scheduler.scheduleWithFixedDelay(this::refresh, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Reads every group's committed and end offsets once and updates the gauges; failures are logged and retried. */
    void refresh() {
        for (String group : groups) {
            try {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(EVERY.toMillis(), TimeUnit.MILLISECONDS);
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
                Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = latest.isEmpty() ? Map.of()
                        : admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                        .get(EVERY.toMillis(), TimeUnit.MILLISECONDS);
                Map<String, Long> byTopic = new HashMap<>();
                committed.forEach((tp, offset) -> {
                    ListOffsetsResult.ListOffsetsResultInfo end = ends.get(tp);
                    if (offset != null && end != null) {
                        byTopic.merge(tp.topic(), Math.max(0, end.offset() - offset.offset()), Long::sum);
                    }
                });
                byTopic.forEach((topic, lag) -> gauge(group, topic).set(lag));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                log.debug("consumer lag of group {} not read this time: {}", group, e.toString());
            }
        }
    }

    private AtomicLong gauge(String group, String topic) {
        return lags.computeIfAbsent(group + "\u0000" + topic, k -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("vigil.consumer.lag", value, AtomicLong::get)
                    .description("records of the topic not yet consumed by the group (end minus committed offset)")
                    .tag("group", group).tag("topic", topic).strongReference(true).register(metrics);
            if (group.equals(encoderGroup) && topic.equals(clipsTopic)) {
                Gauge.builder("vigil.encoder.backlog", value, AtomicLong::get)
                        .description("clips on vigil.clips waiting for an encoder worker")
                        .baseUnit("clips").strongReference(true).register(metrics);
            }
            return value;
        });
    }

    /** The last lag read for {@code group} on {@code topic}, -1 if none yet. */
    public long lag(String group, String topic) {
        AtomicLong v = lags.get(group + "\u0000" + topic);
        return v == null ? -1 : v.get();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        admin.close(Duration.ofSeconds(5));
    }
}
