package dev.vigil.schema;

import dev.vigil.schema.registry.IncompatibleSchemaException;
import dev.vigil.schema.registry.RegistrySettings;
import dev.vigil.schema.registry.SchemaRegistryClient;
import dev.vigil.testkit.ClusterEndpoints;
import dev.vigil.testkit.RealCluster;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The registry's BACKWARD rule guards the contracts, and the client reports a refusal clearly. */
@RealCluster
class CompatibilityIT {
    private static final String V1 = """
            {"type":"record","name":"Probe","namespace":"dev.vigil.test","fields":[
              {"name":"cameraId","type":"string"}]}""";
    /** Adds a field without a default: new readers cannot read old records, so BACKWARD refuses it. */
    private static final String V2_INCOMPATIBLE = """
            {"type":"record","name":"Probe","namespace":"dev.vigil.test","fields":[
              {"name":"cameraId","type":"string"},{"name":"zone","type":"string"}]}""";
    private static final String V2_COMPATIBLE = """
            {"type":"record","name":"Probe","namespace":"dev.vigil.test","fields":[
              {"name":"cameraId","type":"string"},{"name":"zone","type":"string","default":"none"}]}""";

    private final ClusterEndpoints cluster;
    private final SchemaRegistryClient registry;

    CompatibilityIT(ClusterEndpoints cluster) {
        this.cluster = cluster;
        this.registry = new SchemaRegistryClient(RegistrySettings.of(cluster.registryUrl()));
    }

    @Test
    void anIncompatibleChangeIsRejectedWithAMessageNamingSubjectAndRegistry() {
        String subject = "probe-" + UUID.randomUUID() + "-value";
        registry.register(subject, parse(V1));

        assertThat(registry.isCompatible(subject, parse(V2_INCOMPATIBLE))).isFalse();
        assertThatThrownBy(() -> registry.register(subject, parse(V2_INCOMPATIBLE)))
                .isInstanceOf(IncompatibleSchemaException.class)
                .hasMessageContaining(subject)
                .hasMessageContaining(cluster.registryUrl())
                .hasMessageContaining("409");
    }

    @Test
    void aCompatibleChangeIsAcceptedAsANewVersion() {
        String subject = "probe-" + UUID.randomUUID() + "-value";
        int v1 = registry.register(subject, parse(V1));

        assertThat(registry.isCompatible(subject, parse(V2_COMPATIBLE))).isTrue();
        int v2 = registry.register(subject, parse(V2_COMPATIBLE));

        assertThat(v2).isNotEqualTo(v1);
        assertThat(registry.lookup(subject, parse(V1))).isEqualTo(v1);
    }

    @Test
    void globalCompatibilityIsBackward() {
        assertThat(registry.globalCompatibility()).isEqualTo("BACKWARD");
    }

    private static Schema parse(String json) {
        return new Schema.Parser().parse(json);
    }
}
