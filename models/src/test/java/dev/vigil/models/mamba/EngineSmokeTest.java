package dev.vigil.models.mamba;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EngineSmokeTest {
    @Test
    void engineLoads() {
        try (NDManager m = NDManager.newBaseManager()) {
            assertThat(m.ones(new ai.djl.ndarray.types.Shape(2, 2)).sum().getFloat()).isEqualTo(4f);
        }
    }
}
