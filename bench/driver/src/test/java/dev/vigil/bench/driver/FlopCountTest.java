package dev.vigil.bench.driver;

import dev.vigil.models.bundle.SeededBundleWriter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FlopCountTest {

    @Test
    void siglipB16TowerIsAboutThirtyFiveGigaflopsPerFrame() {
        // the usual figure for ViT-B/16 at 224 px is ~17.6 GMACs, i.e. ~35 GFLOPs with multiply-add = 2
        FlopCount f = FlopCount.of(SeededBundleWriter.Shape.siglipB16(), 0, 16);
        assertThat(f.mamba()).isZero();
        assertThat(f.total() / 1e9).isCloseTo(35.4, within(0.2));
        double perLayer = 8.0 * 196 * 768 * 768 + 4.0 * 196 * 196 * 768 + 4.0 * 196 * 768 * 3072;
        assertThat(f.layers()).isEqualTo(12 * perLayer);
    }

    @Test
    void mambaAddsItsPerTokenCostForEveryPatch() {
        SeededBundleWriter.Shape tiny = SeededBundleWriter.Shape.synthcamTiny();
        double withMamba = FlopCount.of(tiny, 2, 16).total();
        double without = FlopCount.of(tiny, 0, 16).total();
        double d = 192;
        double e = 384;
        double perToken = 2 * d * 2 * e + 2 * e * 4 + 2 * e * (12 + 32) + 2 * 12 * e + 6 * e * 16 + 2 * e * d;
        assertThat(withMamba - without).isEqualTo(2 * 64 * perToken);
    }
}
