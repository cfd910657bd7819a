package dev.vigil.bench.driver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.testkit.ClusterEndpoints;
import dev.vigil.testkit.RealCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code vigil bench e2e} still works end to end: one synthetic camera, 10 s of event time at fast pace, on the
 * tests' real cluster. Proves the command runs and its report has every field; asserts nothing about speed.
 */
@RealCluster
class BenchE2eCommandIT {
    @TempDir
    Path dir;

    private final ClusterEndpoints cluster;

    BenchE2eCommandIT(ClusterEndpoints cluster) {
        this.cluster = cluster;
    }

    @Test
    void oneFastCameraProducesAReportWithEveryField() throws Exception {
        Path json = dir.resolve("e2e.json");
        int code = new CommandLine(new BenchE2eCommand()).execute("--cameras", "1", "--fps", "2", "--duration", "10s",
                "--speed", "fast", "--kafka", cluster.bootstrapServers(), "--registry", cluster.registryUrl(),
                "--data", dir.resolve("data").toString(), "--drain-timeout", "60s", "--json", json.toString());

        assertThat(code).isZero();
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertThat(report.path("kind").asText()).isEqualTo("e2e");
        assertThat(report.path("cluster").asText()).isEqualTo("external");
        assertThat(report.path("machine").path("cores").asInt()).isPositive();
        assertThat(report.path("definitions").has("ingestToQueryableMs")).isTrue();
        assertThat(report.has("workerBatchClips")).isTrue();
        JsonNode trial = report.path("trials").path(0);
        assertThat(trial.path("cameras").asInt()).isEqualTo(1);
        assertThat(trial.path("pace").asText()).isEqualTo("fast");
        assertThat(trial.path("framesIn").asLong()).isEqualTo(20);
        assertThat(trial.path("clipsQueryable").asLong()).as("clips of the counted window").isEqualTo(3);
        for (String latency : new String[]{"ingestToQueryableMs", "ingestToEncodedMs", "encodedToQueryableMs", "askMs"}) {
            assertThat(trial.path(latency).has("p99")).as(latency).isTrue();
        }
        assertThat(trial.path("ingestToQueryableMs").path("count").asInt()).isEqualTo(3);
        assertThat(trial.path("captureToQueryableMs").isNull()).as("no capture latency at fast pace").isTrue();
        for (String field : new String[]{"framesPerSecondIn", "clipsPerSecondEncoded", "workerBatches", "meanBatchClips",
                "meanBatchFrames", "framesSkippedBySampler", "framesDropped", "clipsSampled", "tokensPerClip",
                "rawPatchTokensPerClip", "compressionRatio", "memory", "rss", "backlog"}) {
            assertThat(trial.has(field)).as(field).isTrue();
        }
        assertThat(trial.path("tokensPerClip").asDouble()).isPositive();
        assertThat(trial.path("memory").path("boundBytesPerCameraDay").asLong()).isPositive();
        assertThat(trial.path("rss").path("peakBytesByProcess").path("vigil").asLong()).isPositive();
    }

    @Test
    void archRunsASeededBundleOfThatShapeAndSaysSo() throws Exception {
        Path json = dir.resolve("e2e-arch.json");
        int code = new CommandLine(new BenchE2eCommand()).execute("--arch", "synthcam-tiny", "--cameras", "1",
                "--duration", "8s", "--speed", "fast", "--warmup", "0s", "--kafka", cluster.bootstrapServers(),
                "--registry", cluster.registryUrl(), "--data", dir.resolve("data-arch").toString(), "--json", json.toString());

        assertThat(code).isZero();
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertThat(report.path("bundleSource").asText()).isEqualTo("seeded synthcam-tiny (random weights)");
        assertThat(report.path("command").asText()).contains("--arch synthcam-tiny");
        assertThat(report.path("trials").path(0).path("rawPatchTokensPerClip").asInt()).isEqualTo(4 * 64);
        assertThat(new CommandLine(new BenchE2eCommand()).execute("--arch", "resnet", "--json", json.toString()))
                .as("an unknown shape is a usage error").isEqualTo(2);
    }
}
