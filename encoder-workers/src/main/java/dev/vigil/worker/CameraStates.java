package dev.vigil.worker;

import dev.vigil.schema.TemporalState;
import dev.vigil.schema.Topics;
import dev.vigil.schema.serde.WireFormatException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The temporal state of every camera whose clips this worker owns, restored from the compacted
 * {@code vigil.temporal-state} topic when partitions are assigned.
 *
 * <p>{@code vigil.clips} and {@code vigil.temporal-state} have the same partition count and key, so the
 * state of a camera whose clips arrive on partition p is on partition p of the state topic. Only committed
 * states are read, and they were committed in the same transaction as the clip offsets: the restored state is
 * exactly the state after the last committed clip.
 */
final class CameraStates {
    private static final Logger log = LoggerFactory.getLogger(CameraStates.class);

    private final Map<String, Object> consumerConfig;
    private final Deserializer<TemporalState> deserializer;
    private final String modelId;
    private final Map<String, TemporalState> byCamera = new HashMap<>();
    private final Map<String, Integer> partitionOf = new HashMap<>();

    CameraStates(Map<String, Object> consumerConfig, Deserializer<TemporalState> deserializer, String modelId) {
        this.consumerConfig = consumerConfig;
        this.deserializer = deserializer;
        this.modelId = modelId;
    }

    Optional<TemporalState> get(String camera) {
        return Optional.ofNullable(byCamera.get(camera));
    }

    void put(String camera, int partition, TemporalState state) {
        byCamera.put(camera, state);
        partitionOf.put(camera, partition);
    }

    int size() {
        return byCamera.size();
    }

    /** Forgets the cameras of partitions this worker no longer owns. */
    void drop(Collection<TopicPartition> clipPartitions) {
        Set<Integer> gone = clipPartitions.stream().map(TopicPartition::partition).collect(Collectors.toSet());
        partitionOf.entrySet().removeIf(e -> {
            if (gone.contains(e.getValue())) {
                byCamera.remove(e.getKey());
                return true;
            }
            return false;
        });
    }

    /** Reads the committed states of the cameras on the given clip partitions, up to the end of the state topic. */
    void restore(Collection<TopicPartition> clipPartitions) {
        if (clipPartitions.isEmpty()) {
            return;
        }
        List<TopicPartition> statePartitions = clipPartitions.stream()
                .map(tp -> new TopicPartition(Topics.TEMPORAL_STATE, tp.partition())).toList();
        int restored = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(statePartitions);
            consumer.seekToBeginning(statePartitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(statePartitions);
            while (statePartitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key() == null) {
                        continue;
                    }
                    if (record.value() == null) {
                        byCamera.remove(record.key());
                        continue;
                    }
                    try {
                        TemporalState state = deserializer.deserialize(record.topic(), record.value());
                        if (!state.getModelId().equals(modelId)) {
                            continue; // another model's state: this model starts the camera fresh
                        }
                        put(record.key(), record.partition(), state);
                        restored++;
                    } catch (WireFormatException e) {
                        log.warn("ignoring unreadable temporal state of camera {} at {}-{}@{}: {}", record.key(),
                                record.topic(), record.partition(), record.offset(), e.getMessage());
                    }
                }
            }
        }
        log.info("restored temporal state from {} records for partitions {}", restored,
                clipPartitions.stream().map(TopicPartition::partition).sorted().toList());
    }

    /** Partitions of the cameras known here, for tests and metrics. */
    Map<String, Integer> partitions() {
        return new HashMap<>(partitionOf);
    }
}
