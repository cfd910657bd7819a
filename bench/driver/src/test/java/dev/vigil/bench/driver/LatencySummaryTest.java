package dev.vigil.bench.driver;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LatencySummaryTest {

    @Test
    void nearestRankPercentiles() {
        List<Double> v = new ArrayList<>();
        for (int i = 100; i >= 1; i--) {
            v.add((double) i);
        }
        LatencySummary s = LatencySummary.of(v);
        assertThat(s.count()).isEqualTo(100);
        assertThat(s.p50()).isEqualTo(50);
        assertThat(s.p95()).isEqualTo(95);
        assertThat(s.p99()).isEqualTo(99);
        assertThat(s.max()).isEqualTo(100);
        assertThat(s.mean()).isEqualTo(50.5);
    }

    @Test
    void fewSamplesGiveTheLargestAsP99AndNoneGiveNaN() {
        assertThat(LatencySummary.of(List.of(3.0, 1.0, 2.0)).p99()).isEqualTo(3.0);
        assertThat(LatencySummary.of(List.of()).p50()).isNaN();
    }
}
