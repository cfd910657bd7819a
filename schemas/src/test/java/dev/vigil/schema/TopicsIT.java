package dev.vigil.schema;

import dev.vigil.testkit.ClusterEndpoints;
import dev.vigil.testkit.RealCluster;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@RealCluster
class TopicsIT {
    private final ClusterEndpoints cluster;

    TopicsIT(ClusterEndpoints cluster) {
        this.cluster = cluster;
    }

    @Test
    void ensureIsIdempotentAndAppliesPartitionsAndConfigs() throws Exception {
        Topics topics = Topics.singleBroker();
        try (Admin admin = Admin.create(cluster.clientConfig())) {
            topics.ensure(admin, Duration.ofSeconds(60));
            List<String> createdAgain = topics.ensure(admin, Duration.ofSeconds(60));
            assertThat(createdAgain).isEmpty();

            var descriptions = admin.describeTopics(topics.all().stream().map(TopicSpec::name).toList())
                    .allTopicNames().get();
            for (TopicSpec spec : topics.all()) {
                assertThat(descriptions.get(spec.name()).partitions()).as(spec.name()).hasSize(spec.partitions());
            }
            Map<ConfigResource, Config> configs = admin.describeConfigs(List.of(
                    new ConfigResource(ConfigResource.Type.TOPIC, Topics.TEMPORAL_STATE),
                    new ConfigResource(ConfigResource.Type.TOPIC, Topics.FRAMES))).all().get();
            Config state = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, Topics.TEMPORAL_STATE));
            Config frames = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, Topics.FRAMES));
            assertThat(state.get("cleanup.policy").value()).isEqualTo("compact");
            assertThat(frames.get("cleanup.policy").value()).isEqualTo("delete");
            assertThat(frames.get("max.message.bytes").value()).isEqualTo(Integer.toString(2 << 20));
        }
    }
}
