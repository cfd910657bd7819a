package dev.vigil.models.weights;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class Bf16Test {

    @Test
    void bf16IsTheUpperHalfOfFp32WithRounding() {
        assertThat(Bf16.toFloat((short) 0x3f80)).isEqualTo(1.0f);
        assertThat(Bf16.fromFloat(1.0f)).isEqualTo((short) 0x3f80);
        // 1 + 2^-8 is halfway between bf16 neighbours 1 and 1 + 2^-7: ties to even
        assertThat(Bf16.fromFloat(1f + 0x1p-8f)).isEqualTo((short) 0x3f80);
        assertThat(Bf16.fromFloat(1f + 0x1p-8f + 0x1p-16f)).isEqualTo((short) 0x3f81);
        assertThat(Float.isNaN(Bf16.toFloat(Bf16.fromFloat(Float.NaN)))).isTrue();
    }
}
