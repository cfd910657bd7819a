package dev.vigil.testkit;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives the test class a running Kafka broker and schema registry, shared by every test class of the
 * test JVM that asks for the same kind, and stopped when the JVM's tests end. Tests receive the
 * {@link ClusterEndpoints} as a constructor or method parameter.
 *
 * <p>Tests share the cluster, so they use topic names and consumer groups of their own (or the vigil
 * topics with unique camera ids), never assume an empty cluster.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RealClusterExtension.class)
public @interface RealCluster {
    ClusterKind value() default ClusterKind.FROM_PROPERTY;
}
