package dev.vigil.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.vigil.testkit.ClusterEndpoints;
import dev.vigil.testkit.RealCluster;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The lag on /metrics is what a group really has left to read on a real broker, and follows its commits. */
@RealCluster
class ConsumerLagIT {

    private final ClusterEndpoints cluster;

    ConsumerLagIT(ClusterEndpoints cluster) {
        this.cluster = cluster;
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void lagIsEndMinusCommittedPerTopicAndTheEncoderBacklogIsTheWorkersLagOnClips() throws Exception {
        String topic = "lag-it-" + UUID.randomUUID();
        String group = "lag-it-group-" + UUID.randomUUID();
        try (Admin admin = Admin.create(cluster.clientConfig())) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        Map<String, Object> p = new HashMap<>(cluster.clientConfig());
        p.put("key.serializer", StringSerializer.class);
        p.put("value.serializer", StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>(topic, i % 2, null, "r" + i)).get();
            }
        }
        Map<String, Object> c = new HashMap<>(cluster.clientConfig());
        c.put("group.id", group);
        c.put("key.deserializer", StringDeserializer.class);
        c.put("value.deserializer", StringDeserializer.class);
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c);
             ConsumerLag lag = new ConsumerLag(cluster.clientConfig(), List.of(group), group, topic, metrics)) {
            // 5 records per partition; the group has read 2 of partition 0 and 4 of partition 1
            consumer.commitSync(Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(2),
                    new TopicPartition(topic, 1), new OffsetAndMetadata(4)));
            lag.refresh();
            assertThat(lag.lag(group, topic)).isEqualTo(3 + 1);
            assertThat(metrics.get("vigil.consumer.lag").tag("group", group).tag("topic", topic).gauge().value())
                    .isEqualTo(4);
            assertThat(metrics.get("vigil.encoder.backlog").gauge().value()).isEqualTo(4);
            assertThat(metrics.get("vigil.consumer.lag").gauge().getId().getDescription()).isNotBlank();

            consumer.commitSync(Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(5),
                    new TopicPartition(topic, 1), new OffsetAndMetadata(5)));
            lag.refresh();
            assertThat(lag.lag(group, topic)).as("caught up").isZero();
        }
    }
}
