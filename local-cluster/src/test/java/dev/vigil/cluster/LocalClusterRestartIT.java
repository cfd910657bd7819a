package dev.vigil.cluster;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A broker and registry restarted on the same data folder keep what was committed, and leave no process behind. */
class LocalClusterRestartIT {
    private static final Duration READY = Duration.ofSeconds(180);

    @TempDir
    Path dir;

    @Test
    void brokerRestartOnTheSameFolderKeepsCommittedRecordsOnly() throws Exception {
        Path data = dir.resolve("kafka");
        String bootstrap;
        long firstPid;
        try (LocalKafka kafka = LocalKafka.start(data, READY)) {
            bootstrap = kafka.bootstrapServers();
            firstPid = kafka.pid();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                admin.createTopics(List.of(new NewTopic("restart-test", 2, (short) 1))).all().get();
            }
            try (KafkaProducer<String, String> producer = transactional(bootstrap)) {
                producer.initTransactions();
                producer.beginTransaction();
                for (int i = 0; i < 50; i++) {
                    producer.send(new ProducerRecord<>("restart-test", "k" + (i % 5), "committed-" + i));
                }
                producer.commitTransaction();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>("restart-test", "k0", "aborted"));
                producer.flush();
                producer.abortTransaction();
            }
        }
        assertThat(ProcessHandle.of(firstPid).filter(ProcessHandle::isAlive)).isEmpty();

        try (LocalKafka again = LocalKafka.start(data, READY)) {
            assertThat(again.bootstrapServers()).as("ports are remembered").isEqualTo(bootstrap);
            assertThat(readCommitted(again.bootstrapServers(), "restart-test", 50))
                    .hasSize(50).allMatch(v -> v.startsWith("committed-"));
        }
    }

    @Test
    void registryRestartOnTheSameFolderKeepsSchemaIds() throws Exception {
        Path data = dir.resolve("registry");
        String schema = "{\"schema\":\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"R\\\",\\\"fields\\\":[{\\\"name\\\":\\\"a\\\",\\\"type\\\":\\\"int\\\"}]}\"}";
        String registered;
        try (LocalRegistry registry = LocalRegistry.start(ApicurioDistribution.defaults(), data, 0, READY)) {
            registered = post(registry.confluentApiUrl() + "/subjects/r-value/versions", schema);
            assertThat(registered).contains("\"id\"");
        }
        try (LocalRegistry registry = LocalRegistry.start(ApicurioDistribution.defaults(), data, 0, READY)) {
            assertThat(post(registry.confluentApiUrl() + "/subjects/r-value", schema))
                    .contains(registered.replaceAll("[{}]", ""));
        }
    }

    private static KafkaProducer<String, String> transactional(String bootstrap) {
        return new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap, "transactional.id", "restart-test-tx",
                "enable.idempotence", true), new StringSerializer(), new StringSerializer());
    }

    private static List<String> readCommitted(String bootstrap, String topic, int expected) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
                "isolation.level", "read_committed"), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = List.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    values.add(r.value());
                }
                if (values.size() >= expected && consumer.position(partitions.get(0)) > 0) {
                    // one more poll shows whether anything beyond the expected count is visible
                    consumer.poll(Duration.ofMillis(500)).forEach(r -> values.add(r.value()));
                    break;
                }
            }
        }
        return values;
    }

    private static String post(String url, String body) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url + " -> " + response.body()).isEqualTo(200);
        return response.body();
    }
}
