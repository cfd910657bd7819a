package dev.vigil.state;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class Fp16Test {

    @Test
    void representableValuesRoundTripExactly() {
        float[] values = {0f, -0f, 1f, -2.5f, 0.333251953125f, 65504f, 6.1035156e-5f, 5.9604645e-8f};
        assertThat(Fp16.toFloats(Fp16.toBytes(values))).containsExactly(values);
    }

    @Test
    void roundsToNearestEvenAndSaturates() {
        assertThat(Fp16.toFloat(Fp16.fromFloat(1.0004883f))).isEqualTo(1f); // halfway between 1 and 1+2^-10: even
        assertThat(Fp16.toFloat(Fp16.fromFloat(1.0014648f))).isEqualTo(1.0019531f); // halfway: rounds up to even
        assertThat(Fp16.toFloat(Fp16.fromFloat(1e6f))).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(Fp16.toFloat(Fp16.fromFloat(Float.NaN))).isNaN();
    }

    @Test
    void littleEndianLayout() {
        assertThat(Fp16.toBytes(new float[]{1f})).containsExactly(0x00, 0x3c);
    }
}
