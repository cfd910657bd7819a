package dev.vigil.bench.driver;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BenchReportTest {
    @Test
    void saysNotMeasuredWhereNoFileStandsBehindATarget() throws Exception {
        String page = new BenchReport(List.of(), "bench", "").render("vigil bench report");
        assertThat(page).contains("| one H100, SigLIP-B/16 fp16: ≥ 3,000 frames/s clip encoder | not measured here");
        assertThat(page).contains("ask p95 ≤ 100 ms over 24 h of memory per camera | not measured here");
        assertThat(page).contains("has **not been run**");
    }

    @Test
    void readsTheCapacityAndTheJmhPercentiles() throws Exception {
        var e2e = """
                {"kind": "e2e", "command": "vigil bench e2e --find-capacity", "machine": {"date": "d", "cores": 2},
                 "capacity": {"cameras": 12, "firstFailing": 13, "p99BoundMillis": 5000, "trials": 5,
                              "stoppedBecause": "converged"},
                 "trials": [], "definitions": {"askMs": "the store path"}}""";
        var jmh = """
                [{"benchmark": "dev.vigil.bench.TokenMemoryBenchmark.similar", "mode": "sample",
                  "params": {"hours": "24", "backend": "rocksdb"},
                  "primaryMetric": {"score": 50.0, "scoreUnit": "ms/op",
                                    "scorePercentiles": {"50.0": 48.0, "95.0": 80.0, "99.0": 97.0}}}]""";
        String page = new BenchReport(List.of(BenchReport.Input.parse(Path.of("e2e.json"), e2e),
                BenchReport.Input.parse(Path.of("jmh.json"), jmh)), "bench", "").render("r");
        assertThat(page).contains("12 cameras (first failing: 13; converged) — **not met**");
        assertThat(page).contains("store top-10 similarity p95 80.0 ms (rocksdb) — **met** for the store path");
        assertThat(page).contains("- **askMs**: the store path");
    }

    @Test
    void ofSeveralCapacitySearchesTheOneWithTheLongestTrialsSpeaks() throws Exception {
        var shortTrials = """
                {"kind": "e2e", "machine": {"cores": 2},
                 "capacity": {"cameras": 52, "firstFailing": 53, "stoppedBecause": "converged"},
                 "trials": [{"cameras": 32, "pace": "realtime", "durationSeconds": 45.0}]}""";
        var longTrials = """
                {"kind": "e2e", "machine": {"cores": 2},
                 "capacity": {"cameras": 41, "firstFailing": 42, "stoppedBecause": "converged"},
                 "trials": [{"cameras": 44, "pace": "realtime", "durationSeconds": 90.0}]}""";
        String page = new BenchReport(List.of(
                BenchReport.Input.parse(Path.of("docs/bench/a-45s.json"), shortTrials),
                BenchReport.Input.parse(Path.of("docs/bench/b-90s.json"), longTrials)), "bench", "").render("r");

        assertThat(page).contains(
                "41 cameras (first failing: 42; converged; 90 s trials) — **not met** | `docs/bench/b-90s.json`");
    }

    @Test
    void plotsOnlyThePickedRunsWhenSomeArePicked() throws Exception {
        var a = """
                {"kind": "e2e", "machine": {"cores": 2}, "trials": [{"cameras": 4, "pace": "realtime"},
                 {"cameras": 8, "pace": "realtime"}, {"cameras": 1, "pace": "fast"}]}""";
        var b = """
                {"kind": "e2e", "machine": {"cores": 2}, "trials": [{"cameras": 16, "pace": "realtime"}]}""";
        List<BenchReport.Input> inputs = List.of(BenchReport.Input.parse(Path.of("docs/bench/a.json"), a),
                BenchReport.Input.parse(Path.of("docs/bench/b.json"), b));

        assertThat(new BenchReport(inputs, "bench", "").realtimeTrials())
                .extracting(E2eTrialResult::cameras).containsExactly(4, 8, 16);
        BenchReport picked = new BenchReport(inputs, "bench", "", java.util.Set.of("b.json"));
        assertThat(picked.realtimeTrials()).extracting(E2eTrialResult::cameras).containsExactly(16);
        assertThat(picked.render("r")).contains("Plots: the real-time trials of `b.json`.");
    }

    @Test
    void compressionComesFromTheBuiltInModelAndFromASeededArchRunWhenThereIsOne() throws Exception {
        var tiny = """
                {"kind": "e2e", "machine": {"date": "2026-11-21T10:00:00Z", "cores": 2}, "bundleSource": "given",
                 "trials": [{"cameras": 40, "pace": "realtime", "tokensPerClip": 63.0, "rawPatchTokensPerClip": 256,
                             "compressionRatio": 4.06, "memory": {"boundBytesPerCameraDay": 60000000,
                             "bytesPerCameraHour": 55000000, "keyframeBytesMax": 3000}}]}""";
        var siglip = """
                {"kind": "e2e", "machine": {"date": "2026-11-21T11:00:00Z", "cores": 2},
                 "bundleSource": "seeded siglip-b16 (random weights)",
                 "trials": [{"cameras": 1, "pace": "realtime", "tokensPerClip": 64.0, "rawPatchTokensPerClip": 784,
                             "compressionRatio": 12.25, "memory": {"boundBytesPerCameraDay": 240000000,
                             "bytesPerCameraHour": 200000000, "keyframeBytesMax": 3000}}]}""";
        String page = new BenchReport(List.of(BenchReport.Input.parse(Path.of("docs/bench/tiny.json"), tiny),
                BenchReport.Input.parse(Path.of("docs/bench/siglip.json"), siglip)), "bench", "").render("r");

        // the newer seeded run does not speak for the built-in model's memory
        assertThat(page).contains("bound 57.2 MiB for synthcam-tiny");
        assertThat(page).contains("synthcam-tiny: 256 patch tokens → 63.0 per clip = 4.1× (**not met**");
        assertThat(page).contains("siglip-b16 shape through the pipeline (seeded weights): 784 → 64.0 per clip = 12.25× — **met**");
    }

    @Test
    void theTargetsTableIsTheTargetList() {
        String page = new BenchReport(List.of(), "bench", "").render("r");
        for (BenchTarget target : BenchTarget.ALL) {
            assertThat(page).contains("| " + target.heading() + " | ");
        }
        assertThat(BenchTarget.of(BenchTarget.Measure.CAPACITY).heading())
                .isEqualTo("2-core CPU, synthcam-tiny, 2 fps: ≥ 50 cameras with capture→queryable p99 ≤ 5 s");
        assertThat(BenchTarget.of(BenchTarget.Measure.VS_PYTORCH).boundText()).isEqualTo("≥ 0.9×");
    }

    @Test
    void aTargetIsMetOnItsSideOfTheBound() {
        BenchTarget cameras = BenchTarget.of(BenchTarget.Measure.CAPACITY);
        BenchTarget memory = BenchTarget.of(BenchTarget.Measure.MEMORY_PER_CAMERA_DAY);
        assertThat(cameras.met(50)).isTrue();
        assertThat(cameras.met(49)).isFalse();
        assertThat(memory.met(64)).isTrue();
        assertThat(memory.met(64.1)).isFalse();
        assertThat(memory.met(Double.NaN)).isFalse();
    }
}
