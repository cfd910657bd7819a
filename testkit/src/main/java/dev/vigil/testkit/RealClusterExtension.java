package dev.vigil.testkit;

import dev.vigil.cluster.LocalCluster;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Starts the cluster a {@link RealCluster} test asks for, once per test JVM and kind, in JUnit's root
 * store (so it is closed when the JVM's tests end, and no static state holds it).
 */
public final class RealClusterExtension implements ExecutionCondition, BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RealClusterExtension.class);

    /** Tests that ask for Docker where there is none are reported as skipped, with the reason. */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (context.getTestClass().isEmpty() || kind(context) != ClusterKind.TESTCONTAINERS) {
            return ConditionEvaluationResult.enabled("a local cluster needs no Docker");
        }
        String whyNot = TestcontainersCluster.unavailableReason();
        return whyNot == null ? ConditionEvaluationResult.enabled("Docker is available")
                : ConditionEvaluationResult.disabled("Testcontainers cluster asked for, but " + whyNot);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        endpoints(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ClusterEndpoints.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return endpoints(context);
    }

    private static ClusterEndpoints endpoints(ExtensionContext context) {
        ClusterKind kind = kind(context);
        ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
        return store.getOrComputeIfAbsent(kind, k -> start(kind), StartedCluster.class).endpoints();
    }

    private static ClusterKind kind(ExtensionContext context) {
        return AnnotationSupport.findAnnotation(context.getRequiredTestClass(), RealCluster.class)
                .map(RealCluster::value).orElse(ClusterKind.FROM_PROPERTY).resolve();
    }

    private static StartedCluster start(ClusterKind kind) {
        return kind == ClusterKind.TESTCONTAINERS ? TestcontainersCluster.start() : TemporaryCluster.start();
    }

    /** A started cluster that JUnit closes at the end of the test run. */
    interface StartedCluster extends AutoCloseable {
        ClusterEndpoints endpoints();

        @Override
        void close();
    }

    /** A {@link LocalCluster} in a temporary folder, deleted afterwards. */
    record TemporaryCluster(Path dir, LocalCluster cluster) implements StartedCluster {
        static TemporaryCluster start() {
            try {
                Path dir = Files.createTempDirectory("vigil-test-cluster");
                return new TemporaryCluster(dir, LocalCluster.start(dir));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public ClusterEndpoints endpoints() {
            return new ClusterEndpoints(cluster.bootstrapServers(), cluster.registryUrl(), ClusterKind.LOCAL);
        }

        @Override
        public void close() {
            cluster.close();
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temp folder left behind is harmless
            }
        }
    }
}
