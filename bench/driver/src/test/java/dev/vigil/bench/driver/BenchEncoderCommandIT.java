package dev.vigil.bench.driver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code vigil bench encoder} still works: the smallest shape at batch 1, once. Proves the command runs through
 * the real ClipEncoder and writes every field; asserts nothing about speed.
 */
class BenchEncoderCommandIT {
    @TempDir
    Path dir;

    @Test
    void synthcamTinyAtBatchOneWritesEveryField() throws Exception {
        Path json = dir.resolve("encoder.json");
        int code = new CommandLine(new BenchEncoderCommand()).execute("--arch", "synthcam-tiny", "--batches", "1",
                "--warmup", "0", "--iterations", "1", "--gemm-size", "256", "--json", json.toString());

        assertThat(code).isZero();
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertThat(report.path("kind").asText()).isEqualTo("encoder");
        assertThat(report.path("arch").asText()).isEqualTo("synthcam-tiny");
        assertThat(report.path("precision").asText()).isEqualTo("fp32");
        assertThat(report.path("flopsPerFrame").path("total").asDouble()).isPositive();
        assertThat(report.path("flopFormula").asText()).contains("patch embed");
        assertThat(report.path("gemm").path("flopsPerSecond").asDouble()).isPositive();
        JsonNode batch = report.path("batches").path(0);
        assertThat(batch.path("clips").asInt()).isEqualTo(1);
        assertThat(batch.path("frames").asInt()).isEqualTo(4);
        assertThat(batch.path("framesPerSecond").asDouble()).isPositive();
        assertThat(batch.path("efficiency").asDouble()).isPositive();
    }

    @Test
    void anUnknownArchIsAUsageError() {
        int code = new CommandLine(new BenchEncoderCommand()).execute("--arch", "resnet", "--json",
                dir.resolve("x.json").toString());
        assertThat(code).isEqualTo(2);
    }
}
