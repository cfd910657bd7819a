package dev.vigil.models.runtime;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CpuThreadsTest {

    @Test
    void oneWorkerPerCoreUpToThePartitionsWithTheCoresSplitBetweenThem() {
        assertThat(CpuThreads.forCores(2, 6)).isEqualTo(new CpuThreads(2, 1));
        assertThat(CpuThreads.forCores(16, 6)).isEqualTo(new CpuThreads(6, 2));
        assertThat(CpuThreads.forCores(4, 1)).isEqualTo(new CpuThreads(1, 4));
        assertThat(CpuThreads.forCores(1, 6)).isEqualTo(new CpuThreads(1, 1));
    }

    @Test
    void refusesEmptySettings() {
        assertThatThrownBy(() -> new CpuThreads(0, 1)).hasMessageContaining("at least one worker");
        assertThatThrownBy(() -> new CpuThreads(1, 0)).hasMessageContaining("one thread per call");
    }
}
