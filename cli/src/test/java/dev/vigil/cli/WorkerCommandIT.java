package dev.vigil.cli;

import dev.vigil.app.VigilCluster;
import dev.vigil.models.bundle.SeededBundleWriter;
import dev.vigil.testkit.ClusterEndpoints;
import dev.vigil.testkit.RealCluster;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code vigil worker --workers 2} as an operator runs it (the packaged jar, its own process): both encoder workers
 * join the consumer group under their own ids, and SIGTERM stops the process.
 */
@RealCluster
class WorkerCommandIT {
    private final ClusterEndpoints cluster;

    WorkerCommandIT(ClusterEndpoints cluster) {
        this.cluster = cluster;
    }

    @Test
    void twoWorkersInOneProcessJoinTheGroupUnderTheirOwnIds(@TempDir Path dir) throws Exception {
        VigilCluster.external(cluster.bootstrapServers(), cluster.registryUrl()).close(); // topics and contracts
        Path bundle = new SeededBundleWriter(SeededBundleWriter.Shape.tiny(), 3).writeTo(dir.resolve("bundle"));
        String id = "wcit-" + Long.toString(System.nanoTime(), 36);
        Path jar = Path.of("target", "vigil-cli.jar").toAbsolutePath();
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "--add-modules", "jdk.incubator.vector", "-jar", jar.toString(), "worker",
                "--kafka", cluster.bootstrapServers(), "--registry", cluster.registryUrl(), "--bundle", bundle.toString(),
                "--id", id, "--workers", "2").redirectErrorStream(true).start();
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture.runAsync(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (java.io.IOException ended) {
                // the process ended
            }
        });
        try {
            awaitLine(lines, "vigil worker " + id + " ready: 2 encoder worker(s)", process);

            Set<String> clients = Set.of();
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            try (Admin admin = Admin.create(cluster.clientConfig())) {
                while (System.nanoTime() < deadline) {
                    try {
                        clients = admin.describeConsumerGroups(List.of("vigil-encoder-workers")).all()
                                .get(30, TimeUnit.SECONDS).get("vigil-encoder-workers").members().stream()
                                .map(MemberDescription::clientId).filter(c -> c.contains(id)).collect(Collectors.toSet());
                    } catch (ExecutionException e) {
                        if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                            throw e;
                        }
                        // the group does not exist until its first member joins
                    }
                    if (clients.size() == 2) {
                        break;
                    }
                    Thread.sleep(500);
                }
            }
            assertThat(clients).as("group members of this process; output " + lines)
                    .containsExactlyInAnyOrder("encoder-" + id + "-0", "encoder-" + id + "-1");
        } finally {
            process.destroy(); // SIGTERM: the shutdown hook closes both workers
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stopped on SIGTERM; output " + lines).isTrue();
        }
    }

    private static void awaitLine(List<String> lines, String prefix, Process process) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            synchronized (lines) {
                if (lines.stream().anyMatch(l -> l.startsWith(prefix))) {
                    return;
                }
            }
            assertThat(process.isAlive()).as("vigil worker exited early; output " + lines).isTrue();
            Thread.sleep(200);
        }
        throw new AssertionError("no line starting with '" + prefix + "' in 120 s; output " + lines);
    }
}
