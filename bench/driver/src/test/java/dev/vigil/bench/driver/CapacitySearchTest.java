package dev.vigil.bench.driver;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CapacitySearchTest {

    @Test
    void doublesUntilAFailureThenBisectsToTheLargestPassingCount() throws Exception {
        List<Integer> tried = new ArrayList<>();
        CapacityResult r = new CapacitySearch(20, 512, Duration.ofHours(1)).search(4, 5000, n -> {
            tried.add(n);
            return n <= 37;
        });
        assertThat(tried).startsWith(4, 8, 16, 32, 64);
        assertThat(r.cameras()).isEqualTo(37);
        assertThat(r.firstFailing()).isEqualTo(38);
        assertThat(r.stoppedBecause()).isEqualTo("converged");
    }

    @Test
    void aFailingStartHalvesDownwards() throws Exception {
        CapacityResult r = new CapacitySearch(20, 512, Duration.ofHours(1)).search(4, 5000, n -> n <= 2);
        assertThat(r.cameras()).isEqualTo(2);
        assertThat(r.firstFailing()).isEqualTo(3);
    }

    @Test
    void stopsAtTheTrialLimitWithTheBestSoFar() throws Exception {
        CapacityResult r = new CapacitySearch(3, 512, Duration.ofHours(1)).search(1, 5000, n -> true);
        assertThat(r.cameras()).isEqualTo(4);
        assertThat(r.firstFailing()).isNull();
        assertThat(r.trials()).isEqualTo(3);
        assertThat(r.stoppedBecause()).startsWith("trial limit");
    }
}
