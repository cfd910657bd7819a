package dev.vigil.ingest.camera;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.vigil.ingest.RedactedUrl;
import dev.vigil.schema.CameraConfig;
import dev.vigil.schema.Topics;

/**
 * Runs the cameras defined on {@code vigil.cameras} that belong to this ingest instance.
 *
 * <p>Ingest instances form a consumer group over the compacted topic; each runs the cameras of the
 * partitions assigned to it. On assignment it reads those partitions from the beginning, keeping only the
 * latest record per camera (a tombstone deletes), and starts the resulting cameras once it has reached
 * the end offsets it saw at assignment — so a camera redefined many times starts once, with its latest
 * definition. After that every record takes effect as it arrives: a new camera starts, a changed one
 * restarts (or is relabelled), a disabled one stops, a tombstone stops and forgets it. Revoked or lost
 * partitions stop their cameras. The incremental cooperative assignor keeps the cameras of partitions
 * that stay put running through a rebalance.
 *
 * <p>Offsets are never committed: the current view is always rebuilt from the topic itself, which is what a
 * compacted topic is for. All consumer work happens on one thread, {@code vigil-camera-watcher}.
 */
public final class CameraWatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CameraWatcher.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final Deserializer<CameraConfig> configs;
    private final CameraRegistry registry;
    private final Thread thread;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final Map<TopicPartition, Long> catchingUp = new HashMap<>();
    private final Map<TopicPartition, Map<String, CameraConfig>> pending = new HashMap<>();
    private final Map<String, TopicPartition> owner = new HashMap<>();
    private volatile boolean closing;
    private boolean assignedOnce;

    /**
     * @param clientConfig connection settings (bootstrap servers, security)
     * @param groupId      the ingest consumer group, e.g. {@code vigil-ingest}
     * @param configs      the Confluent-wire deserializer of {@link CameraConfig}
     * @param registry     where the cameras run
     */
    public CameraWatcher(Map<String, Object> clientConfig, String groupId, Deserializer<CameraConfig> configs,
                         CameraRegistry registry) {
        this.consumer = new KafkaConsumer<>(consumerConfig(clientConfig, groupId));
        this.configs = configs;
        this.registry = registry;
        this.thread = new Thread(this::run, "vigil-camera-watcher");
    }

    /** The consumer settings on top of {@code clientConfig}. */
    static Map<String, Object> consumerConfig(Map<String, Object> clientConfig, String groupId) {
        Map<String, Object> c = new HashMap<>(clientConfig);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, List.of(CooperativeStickyAssignor.class.getName()));
        // Only committed transactions count; vigil's own writers do not use them here, but an operator's tool might.
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "vigil-ingest-cameras-" + groupId);
        return c;
    }

    /** Starts watching (and running cameras) on the watcher thread. */
    public void start() {
        thread.start();
    }

    /**
     * Waits until this instance has received its first assignment and started the cameras of it; true if
     * that happened within {@code timeout}.
     */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void run() {
        try {
            consumer.subscribe(List.of(Topics.CAMERAS), new Rebalance());
            while (!closing) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    handle(record);
                }
                finishCatchingUp();
            }
        } catch (WakeupException e) {
            if (!closing) {
                log.error("camera watcher woken up unexpectedly", e);
            }
        } catch (RuntimeException e) {
            log.error("camera watcher stopped by an unexpected error; cameras of this instance stop", e);
        } finally {
            registry.remove(List.copyOf(owner.keySet()));
            owner.clear();
            try {
                consumer.close(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                log.warn("closing the camera consumer failed: {}", e.toString());
            }
        }
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            log.warn("{}: record without a camera id at {}/{}@{} ignored", Topics.CAMERAS, record.topic(),
                    record.partition(), record.offset());
            return;
        }
        CameraConfig config = null;
        if (record.value() != null) {
            try {
                config = configs.deserialize(record.topic(), record.value());
            } catch (RuntimeException e) {
                log.error("{}: camera {} at partition {} offset {} cannot be read ({}); its previous definition stays",
                        Topics.CAMERAS, record.key(), record.partition(), record.offset(),
                        RedactedUrl.redact(String.valueOf(e.getMessage())));
                return;
            }
        }
        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
        Map<String, CameraConfig> replay = pending.get(tp);
        if (replay != null) {
            replay.remove(record.key()); // keep insertion order = order of latest definition
            replay.put(record.key(), config);
        } else {
            apply(tp, record.key(), config);
        }
    }

    /** Applies the replayed view of every partition that has reached its end offset at assignment. */
    private void finishCatchingUp() {
        if (!catchingUp.isEmpty()) {
            List<TopicPartition> done = new ArrayList<>();
            for (Map.Entry<TopicPartition, Long> e : catchingUp.entrySet()) {
                if (consumer.position(e.getKey()) >= e.getValue()) {
                    done.add(e.getKey());
                }
            }
            for (TopicPartition tp : done) {
                catchingUp.remove(tp);
                Map<String, CameraConfig> view = pending.remove(tp);
                view.forEach((id, config) -> apply(tp, id, config));
            }
        }
        if (assignedOnce && catchingUp.isEmpty() && caughtUp.getCount() > 0) {
            log.info("camera watcher caught up: {} camera(s) here", owner.size());
            caughtUp.countDown();
        }
    }

    private void apply(TopicPartition tp, String id, CameraConfig config) {
        try {
            if (config == null) {
                if (owner.remove(id) != null) {
                    registry.remove(id);
                }
                return;
            }
            if (!id.equals(config.getId().toString())) {
                log.warn("{}: camera key {} differs from the id in its value ({}); using the key", Topics.CAMERAS,
                        id, config.getId());
            }
            owner.put(id, tp);
            registry.apply(CameraSettings.from(id, config));
        } catch (RuntimeException e) {
            // One bad definition must not take the watcher (and every other camera) down.
            log.error("camera {}: could not apply its definition: {}", id, RedactedUrl.redact(e.toString()));
        }
    }

    /** Stops the cameras of partitions this instance no longer owns. */
    private void release(Collection<TopicPartition> partitions, String why) {
        List<String> ids = new ArrayList<>();
        owner.forEach((id, tp) -> {
            if (partitions.contains(tp)) {
                ids.add(id);
            }
        });
        ids.forEach(owner::remove);
        for (TopicPartition tp : partitions) {
            catchingUp.remove(tp);
            pending.remove(tp);
        }
        if (!ids.isEmpty()) {
            log.info("partitions {} {}: stopping {}", partitions, why, ids);
            registry.remove(ids);
        }
    }

    /** Runs on the watcher thread, inside poll. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            assignedOnce = true;
            if (partitions.isEmpty()) {
                return;
            }
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions);
            for (TopicPartition tp : partitions) {
                long end = ends.getOrDefault(tp, 0L);
                if (end > starts.getOrDefault(tp, 0L)) {
                    catchingUp.put(tp, end);
                    pending.put(tp, new LinkedHashMap<>());
                }
            }
            log.info("camera partitions assigned: {}", partitions);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            release(partitions, "revoked");
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            release(partitions, "lost");
        }
    }

    /** Stops watching and stops this instance's cameras; waits for the watcher thread. */
    @Override
    public void close() {
        closing = true;
        if (thread.getState() == Thread.State.NEW) {
            consumer.close(Duration.ofSeconds(5)); // never started: nothing else owns the consumer
            return;
        }
        consumer.wakeup();
        if (thread.isAlive()) {
            try {
                thread.join(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
