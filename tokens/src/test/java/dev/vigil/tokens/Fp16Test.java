package dev.vigil.tokens;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class Fp16Test {

    @Test
    void everyHalfSurvivesARoundTripThroughFp32() {
        for (int bits = 0; bits < 0x10000; bits++) {
            short h = (short) bits;
            float f = Fp16.toFloat(h);
            if (Float.isNaN(f)) {
                assertThat(Float.isNaN(Fp16.toFloat(Fp16.fromFloat(f)))).isTrue();
                continue;
            }
            assertThat(Fp16.fromFloat(f)).as("bits %04x", bits).isEqualTo(h);
        }
    }

    @Test
    void decodesKnownValues() {
        assertThat(Fp16.toFloat((short) 0x3c00)).isEqualTo(1.0f);
        assertThat(Fp16.toFloat((short) 0xc000)).isEqualTo(-2.0f);
        assertThat(Fp16.toFloat((short) 0x7bff)).isEqualTo(65504f);
        assertThat(Fp16.toFloat((short) 0x0001)).isEqualTo(0x1p-24f);
        assertThat(Fp16.toFloat((short) 0x8001)).isEqualTo(-0x1p-24f);
        assertThat(Fp16.toFloat((short) 0x7c00)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(Fp16.toFloat((short) 0xfc00)).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(Fp16.toFloat((short) 0x7e00)).isNaN();
    }

    @Test
    void representableValuesRoundTripExactly() {
        float[] values = {0f, -0f, 1f, -2.5f, 0.333251953125f, 65504f, 6.1035156e-5f, 5.9604645e-8f};
        assertThat(Fp16.toFloats(Fp16.toBytes(values))).containsExactly(values);
    }

    @Test
    void roundsToNearestEven() {
        // 1 + 2^-11 is exactly halfway between 1 and the next half (1 + 2^-10): ties go to the even mantissa (1)
        assertThat(Fp16.fromFloat(1f + 0x1p-11f)).isEqualTo((short) 0x3c00);
        assertThat(Fp16.fromFloat(1f + 0x1p-11f + 0x1p-20f)).isEqualTo((short) 0x3c01);
        // halfway between 1 + 2^-10 (odd) and 1 + 2^-9: rounds up to even
        assertThat(Fp16.toFloat(Fp16.fromFloat(1.0014648f))).isEqualTo(1.0019531f);
    }

    @Test
    void subnormalsRoundToNearestEvenAndUnderflowToSignedZero() {
        assertThat(Fp16.fromFloat(0x1p-25f)).isEqualTo((short) 0x0000); // half the smallest subnormal: ties to 0
        assertThat(Fp16.fromFloat(0x1.8p-25f)).isEqualTo((short) 0x0001);
        assertThat(Fp16.fromFloat(0x1.8p-24f)).isEqualTo((short) 0x0002); // 1.5 ulp: ties to even (2)
        assertThat(Fp16.fromFloat(-0x1p-30f)).isEqualTo((short) 0x8000);
    }

    @Test
    void overflowSaturatesToInfinityAndNanStaysNan() {
        assertThat(Fp16.fromFloat(65519.99f)).isEqualTo((short) 0x7bff);
        assertThat(Fp16.fromFloat(65520f)).isEqualTo((short) 0x7c00); // rounds past the largest half
        assertThat(Fp16.fromFloat(1e6f)).isEqualTo((short) 0x7c00);
        assertThat(Fp16.fromFloat(-1e6f)).isEqualTo((short) 0xfc00);
        assertThat(Fp16.toFloat(Fp16.fromFloat(Float.NaN))).isNaN();
    }

    @Test
    void littleEndianLayoutAndInPlaceDecoding() {
        assertThat(Fp16.toBytes(new float[] {1f})).containsExactly(0x00, 0x3c);
        byte[] le = Fp16.toBytes(new float[] {1f, -2f, 0.5f});
        float[] out = new float[4];
        Fp16.decodeInto(le, 2, out, 1, 2);
        assertThat(out).containsExactly(0f, -2f, 0.5f, 0f);
        assertThat(Fp16.toFloats(le, 4, 1)).containsExactly(0.5f);
    }
}
