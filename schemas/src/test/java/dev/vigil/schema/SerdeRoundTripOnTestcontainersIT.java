package dev.vigil.schema;

import dev.vigil.testkit.ClusterEndpoints;
import dev.vigil.testkit.ClusterKind;
import dev.vigil.testkit.RealCluster;

/**
 * The same round trips against apache/kafka and Confluent's schema registry in Docker. Where no Docker
 * engine answers, JUnit reports these as skipped with the reason; the local cluster runs cover the
 * behaviour either way.
 */
@RealCluster(ClusterKind.TESTCONTAINERS)
class SerdeRoundTripOnTestcontainersIT extends SerdeRoundTripIT {
    SerdeRoundTripOnTestcontainersIT(ClusterEndpoints cluster) {
        super(cluster);
    }
}
