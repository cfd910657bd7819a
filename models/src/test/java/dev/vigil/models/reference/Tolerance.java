package dev.vigil.models.reference;

import static org.assertj.core.api.Assertions.assertThat;

/** fp32 comparison against reference outputs: 1e-4 relative, with a small absolute floor near zero. */
public final class Tolerance {

    private static final double RELATIVE = 1e-4;
    private static final double ABSOLUTE = 1e-5;

    private Tolerance() {
    }

    public static void assertClose(String what, float[] actual, float[] expected) {
        assertThat(actual).as(what + " length").hasSameSizeAs(expected);
        for (int i = 0; i < actual.length; i++) {
            double allowed = RELATIVE * Math.abs(expected[i]) + ABSOLUTE;
            assertThat((double) Math.abs(actual[i] - expected[i]))
                    .as("%s[%d]: actual %s, expected %s", what, i, actual[i], expected[i])
                    .isLessThanOrEqualTo(allowed);
        }
    }
}
