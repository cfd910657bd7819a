package dev.vigil.models.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.vigil.models.bundle.ModelBundle;
import dev.vigil.models.image.RgbFrame;
import dev.vigil.models.runtime.DeviceSpec;
import dev.vigil.models.siglip.TokenReadout;
import dev.vigil.tokens.Fp16;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static dev.vigil.models.clip.TinyClipBundle.HIDDEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The temporal readout: clip embeddings from the merged tokens, weighted by what each token stands for. */
class ClipReadoutTest {

    private static List<RgbFrame> frames(long seed, int count) {
        return TinyClipBundle.randomFrames(seed, count);
    }

    @Test
    void aTokenOfSizeTwoPoolsLikeTheSameTokenTwice(@TempDir Path dir) {
        try (ModelBundle bundle = ModelBundle.load(new TinyClipBundle(5).withReadout().writeTo(dir.resolve("b")),
                DeviceSpec.cpu());
             NDManager m = bundle.manager().newSubManager()) {
            TokenReadout readout = TokenReadout.load(bundle.weights(), ClipEncoder.READOUT_PREFIX,
                    bundle.vision().config().dims(), 4, m);
            Random random = new Random(2);
            float[] a = new float[HIDDEN];
            float[] b = new float[HIDDEN];
            for (int i = 0; i < HIDDEN; i++) {
                a[i] = (float) random.nextGaussian();
                b[i] = (float) random.nextGaussian();
            }
            float[] twice = new float[3 * HIDDEN];
            System.arraycopy(a, 0, twice, 0, HIDDEN);
            System.arraycopy(b, 0, twice, HIDDEN, HIDDEN);
            System.arraycopy(b, 0, twice, 2 * HIDDEN, HIDDEN);
            NDArray three = m.create(twice, new Shape(1, 3, HIDDEN));
            NDArray frames3 = m.create(new long[] {0, 1, 1}, new Shape(1, 3));
            NDArray frames2 = m.create(new long[] {0, 1}, new Shape(1, 2));
            float[] expanded = readout.pool(three, m.ones(new Shape(1, 3)), frames3).toFloatArray();
            float[] merged = new float[2 * HIDDEN];
            System.arraycopy(twice, 0, merged, 0, 2 * HIDDEN);
            float[] weighted = readout.pool(m.create(merged, new Shape(1, 2, HIDDEN)),
                    m.create(new float[] {1, 2}, new Shape(1, 2)), frames2).toFloatArray();
            float[] unweighted = readout.pool(m.create(merged, new Shape(1, 2, HIDDEN)), m.ones(new Shape(1, 2)),
                    frames2).toFloatArray();

            assertThat(weighted).containsExactly(expanded, within(1e-5f));
            assertThat(unweighted).isNotEqualTo(expanded); // the weighting is what makes them equal
        }
    }

    @Test
    void clipsGetAClipEmbeddingOnlyFromABundleWithAReadout(@TempDir Path dir) {
        try (ModelBundle with = ModelBundle.load(new TinyClipBundle(7).withReadout().writeTo(dir.resolve("with")),
                DeviceSpec.cpu());
             ModelBundle without = ModelBundle.load(new TinyClipBundle(7).writeTo(dir.resolve("without")),
                     DeviceSpec.cpu());
             ClipEncoder reading = new ClipEncoder(with, 64);
             ClipEncoder plain = new ClipEncoder(without, 64)) {
            List<RgbFrame> first = frames(3, 4);
            List<RgbFrame> second = frames(4, 4);
            assertThat(reading.hasReadout()).isTrue();
            assertThat(plain.hasReadout()).isFalse();

            EncodedClip one = reading.encode(List.of(ClipInput.fresh("cam", first))).get(0);
            assertThat(Fp16.toFloats(one.clipEmbeddingFp16())).hasSize(HIDDEN);
            assertThat(plain.encode(List.of(ClipInput.fresh("cam", first))).get(0).clipEmbeddingFp16()).isEmpty();
            // everything else is the same bundle: tokens and frame embeddings do not depend on the readout
            assertThat(plain.encode(List.of(ClipInput.fresh("cam", first))).get(0).tokensFp16())
                    .isEqualTo(one.tokensFp16());

            // carried state reaches the clip embedding: the second clip after the first differs from it fresh,
            // and two clips in one batch equal them encoded one after the other
            List<EncodedClip> batch = reading.encode(List.of(ClipInput.fresh("cam", first),
                    ClipInput.fresh("cam", second)));
            EncodedClip secondCarried = reading.encode(List.of(
                    ClipInput.continuing("cam", second, one.newState()))).get(0);
            EncodedClip secondFresh = reading.encode(List.of(ClipInput.fresh("cam", second))).get(0);
            assertThat(Fp16.toFloats(batch.get(1).clipEmbeddingFp16()))
                    .containsExactly(Fp16.toFloats(secondCarried.clipEmbeddingFp16()), within(4e-3f));
            assertThat(Fp16.toFloats(secondFresh.clipEmbeddingFp16()))
                    .isNotEqualTo(Fp16.toFloats(secondCarried.clipEmbeddingFp16()));

        }
    }
}
