package dev.vigil.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JMH suites still build and run: the cheapest cases (serde of a {@code ClipTokens}, decode + preprocess at
 * the tiny input size) in this JVM ({@code forks(0)}), one 100 ms iteration each, written as JMH JSON. Speed is
 * never asserted; the other suites need model weights or minutes of setup and are covered by building the
 * benchmarks jar.
 */
class JmhSmokeIT {
    @TempDir
    Path dir;

    @Test
    void cheapBenchmarksRunAndWriteMachineReadableResults() throws Exception {
        Path json = dir.resolve("jmh.json");
        Options options = new OptionsBuilder()
                .include("SerdeBenchmark|JpegPreprocessBenchmark.decodeAndPreprocess")
                .param("payload", "clip-tokens")
                .param("arch", "tiny")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(100))
                .resultFormat(ResultFormatType.JSON)
                .result(json.toString())
                .build();

        new Runner(options).run();

        JsonNode results = new ObjectMapper().readTree(json.toFile());
        assertThat(results).hasSize(3);
        for (JsonNode r : results) {
            assertThat(r.path("primaryMetric").path("score").asDouble()).as(r.path("benchmark").asText()).isPositive();
        }
    }
}
