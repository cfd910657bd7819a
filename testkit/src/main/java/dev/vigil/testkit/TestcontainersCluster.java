package dev.vigil.testkit;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The same cluster from Docker images, for people who have Docker: apache/kafka (KRaft) and Confluent's
 * schema registry. Tests are identical; only the endpoints differ.
 */
record TestcontainersCluster(Network network, KafkaContainer kafka, GenericContainer<?> registry)
        implements RealClusterExtension.StartedCluster {
    static final String KAFKA_IMAGE = "apache/kafka:4.1.0";
    static final String REGISTRY_IMAGE = "confluentinc/cp-schema-registry:7.9.0";

    /** Null if Docker can be used, else why not. */
    static String unavailableReason() {
        try {
            return DockerClientFactory.instance().isDockerAvailable() ? null
                    : "Docker is not available on this machine (no Docker engine answered)";
        } catch (RuntimeException | LinkageError e) {
            return "Docker is not available on this machine (" + e.getMessage() + ")";
        }
    }

    @SuppressWarnings("resource") // closed in close()
    static TestcontainersCluster start() {
        Network network = Network.newNetwork();
        KafkaContainer kafka = new KafkaContainer(DockerImageName.parse(KAFKA_IMAGE))
                .withNetwork(network)
                .withNetworkAliases("kafka")
                .withListener("kafka:19092");
        kafka.start();
        GenericContainer<?> registry = new GenericContainer<>(DockerImageName.parse(REGISTRY_IMAGE))
                .withNetwork(network)
                .withExposedPorts(8081)
                .withEnv("SCHEMA_REGISTRY_HOST_NAME", "schema-registry")
                .withEnv("SCHEMA_REGISTRY_LISTENERS", "http://0.0.0.0:8081")
                .withEnv("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", "PLAINTEXT://kafka:19092")
                .withEnv("SCHEMA_REGISTRY_SCHEMA_COMPATIBILITY_LEVEL", "backward")
                .waitingFor(Wait.forHttp("/subjects").forStatusCode(200));
        registry.start();
        return new TestcontainersCluster(network, kafka, registry);
    }

    @Override
    public ClusterEndpoints endpoints() {
        return new ClusterEndpoints(kafka.getBootstrapServers(),
                "http://" + registry.getHost() + ":" + registry.getMappedPort(8081), ClusterKind.TESTCONTAINERS);
    }

    @Override
    public void close() {
        registry.stop();
        kafka.stop();
        network.close();
    }
}
