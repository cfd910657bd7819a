package dev.vigil.models.clip;

import dev.vigil.models.bundle.ModelBundle;
import dev.vigil.models.image.RgbFrame;
import dev.vigil.models.runtime.DeviceSpec;
import dev.vigil.tokens.Fp16;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import static dev.vigil.models.clip.TinyClipBundle.HIDDEN;
import static dev.vigil.models.clip.TinyClipBundle.PATCHES;
import static dev.vigil.models.clip.TinyClipBundle.TOKENS_PER_FRAME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClipEncoderTest {

    /**
     * fp16 payloads of the same fp32 computation done in a different batch layout: fp32 noise can flip one fp16
     * rounding, i.e. one fp16 ulp (≈ 1e-3 near 1); tokens are RMS-normalised, so |x| stays small.
     */
    private static final float FP16_TOLERANCE = 4e-3f;

    private Path dir;

    private ModelBundle bundle;
    private ClipEncoder encoder;

    @BeforeAll
    void load(@TempDir Path tempDir) {
        dir = tempDir;
        bundle = ModelBundle.load(new TinyClipBundle(7).withText().writeTo(dir.resolve("tiny-clip")),
                DeviceSpec.cpu());
        encoder = new ClipEncoder(bundle, 64);
    }

    @AfterAll
    void close() {
        encoder.close();
        bundle.close();
    }

    private static List<RgbFrame> frames(long seed, int count) {
        return TinyClipBundle.randomFrames(seed, count);
    }

    private static void assertSameClip(EncodedClip actual, EncodedClip expected) {
        assertThat(actual.streamId()).isEqualTo(expected.streamId());
        assertThat(actual.tokenCount()).isEqualTo(expected.tokenCount());
        assertThat(actual.frameCount()).isEqualTo(expected.frameCount());
        assertThat(actual.tokenSizes()).containsExactly(expected.tokenSizes());
        assertThat(Fp16.toFloats(actual.tokensFp16()))
                .containsExactly(Fp16.toFloats(expected.tokensFp16()), within(FP16_TOLERANCE));
        assertThat(Fp16.toFloats(actual.frameEmbeddingsFp16()))
                .containsExactly(Fp16.toFloats(expected.frameEmbeddingsFp16()), within(FP16_TOLERANCE));
        assertThat(actual.globalMean()).containsExactly(expected.globalMean(), within(1e-4f));
    }

    @Test
    void fullAndPartialClipsHaveTheBudgetedShapes() {
        List<EncodedClip> out = encoder.encode(List.of(
                ClipInput.fresh("cam-a", frames(1, 4)),
                ClipInput.fresh("cam-b", frames(2, 3))));

        EncodedClip full = out.get(0);
        assertThat(full.streamId()).isEqualTo("cam-a");
        assertThat(full.dim()).isEqualTo(HIDDEN);
        assertThat(full.frameCount()).isEqualTo(4);
        assertThat(full.tokenCount()).isEqualTo(4 * TOKENS_PER_FRAME);
        assertThat(full.tokensFp16()).hasSize(2 * 4 * TOKENS_PER_FRAME * HIDDEN);
        assertThat(full.frameEmbeddingsFp16()).hasSize(2 * 4 * HIDDEN);
        assertThat(full.globalMean()).hasSize(HIDDEN);
        assertThat(IntStream.of(full.tokenSizes()).sum()).isEqualTo(PATCHES * 4);
        assertThat(IntStream.of(full.tokenSizes()).min().orElseThrow()).isPositive();

        EncodedClip partial = out.get(1);
        assertThat(partial.frameCount()).isEqualTo(3);
        assertThat(partial.tokenCount()).isEqualTo(3 * TOKENS_PER_FRAME);
        assertThat(IntStream.of(partial.tokenSizes()).sum()).isEqualTo(PATCHES * 3);

        // The global mean of a fresh stream after one clip is the mean of that clip's frame embeddings.
        float[] embeddings = Fp16.toFloats(full.frameEmbeddingsFp16());
        for (int c = 0; c < HIDDEN; c++) {
            float mean = (embeddings[c] + embeddings[HIDDEN + c] + embeddings[2 * HIDDEN + c]
                    + embeddings[3 * HIDDEN + c]) / 4;
            assertThat(full.globalMean()[c]).isCloseTo(mean, within(FP16_TOLERANCE));
        }
    }

    @Test
    void aCamerasTwoClipsInOneBatchEqualTwoBatchesWithTheStateCarried() {
        List<RgbFrame> first = frames(3, 4);
        List<RgbFrame> second = frames(4, 4);
        List<EncodedClip> oneBatch = encoder.encode(List.of(
                ClipInput.fresh("cam-a", first),
                ClipInput.fresh("cam-b", frames(5, 2)),   // another length in the same batch
                ClipInput.fresh("cam-a", second)));

        EncodedClip firstAlone = encoder.encode(List.of(ClipInput.fresh("cam-a", first))).get(0);
        EncodedClip secondAlone = encoder.encode(List.of(
                ClipInput.continuing("cam-a", second, firstAlone.newState()))).get(0);

        assertSameClip(oneBatch.get(0), firstAlone);
        assertSameClip(oneBatch.get(2), secondAlone);
        StreamState carried = encoder.readState("cam-a", oneBatch.get(2).newState());
        assertThat(carried.framesSeen()).isEqualTo(8);
        assertThat(carried.global().frames()).isEqualTo(8);
        assertThat(carried.temporal().orElseThrow().tokensSeen()).isEqualTo(8L * PATCHES);
        // The state really matters: the same frames from a fresh state encode differently.
        EncodedClip secondFresh = encoder.encode(List.of(ClipInput.fresh("cam-a", second))).get(0);
        assertThat(Fp16.toFloats(secondFresh.tokensFp16()))
                .isNotEqualTo(Fp16.toFloats(secondAlone.tokensFp16()));
    }

    @Test
    void aBatchOfSeveralCamerasEqualsEachCameraAlone() {
        byte[] cState = encoder.encode(List.of(ClipInput.fresh("cam-c", frames(6, 4)))).get(0).newState();
        List<ClipInput> inputs = List.of(
                ClipInput.fresh("cam-a", frames(7, 4)),
                new ClipInput("cam-b", frames(8, 4), Optional.empty(), 2),
                ClipInput.continuing("cam-c", frames(9, 4), cState),
                ClipInput.fresh("cam-d", frames(10, 1)));
        List<EncodedClip> batch = encoder.encode(inputs);
        for (int i = 0; i < inputs.size(); i++) {
            assertSameClip(batch.get(i), encoder.encode(List.of(inputs.get(i))).get(0));
        }
    }

    @Test
    void visionInChunksEqualsOneForward() {
        List<ClipInput> inputs = List.of(ClipInput.fresh("cam-a", frames(11, 4)),
                ClipInput.fresh("cam-b", frames(12, 3)));
        try (ClipEncoder chunked = new ClipEncoder(bundle, 3)) {
            List<EncodedClip> a = chunked.encode(inputs);
            List<EncodedClip> b = encoder.encode(inputs);
            assertSameClip(a.get(0), b.get(0));
            assertSameClip(a.get(1), b.get(1));
        }
    }

    @Test
    void samplingStrideTwoEncodesHalfTheFramesWithThePhaseCarried() {
        EncodedClip halved = encoder.encode(List.of(new ClipInput("cam-a", frames(13, 4), Optional.empty(), 2)))
                .get(0);
        assertThat(halved.frameCount()).isEqualTo(2);
        assertThat(halved.tokenCount()).isEqualTo(2 * TOKENS_PER_FRAME);
        assertThat(IntStream.of(halved.tokenSizes()).sum()).isEqualTo(2 * PATCHES);

        // Stream frames 0..2 keep 0 and 2; the next clip's frames 3..5 keep only 4: the phase is the stream's.
        List<RgbFrame> first = frames(14, 3);
        List<RgbFrame> second = frames(15, 3);
        EncodedClip a = encoder.encode(List.of(new ClipInput("cam-b", first, Optional.empty(), 2))).get(0);
        EncodedClip b = encoder.encode(List.of(new ClipInput("cam-b", second, Optional.of(a.newState()), 2))).get(0);
        assertThat(a.frameCount()).isEqualTo(2);
        assertThat(b.frameCount()).isEqualTo(1);
        EncodedClip sampledByHand = encoder.encode(List.of(ClipInput.continuing("cam-b", List.of(second.get(1)),
                encoder.encode(List.of(ClipInput.fresh("cam-b", List.of(first.get(0), first.get(2))))).get(0)
                        .newState()))).get(0);
        assertThat(Fp16.toFloats(b.tokensFp16()))
                .containsExactly(Fp16.toFloats(sampledByHand.tokensFp16()), within(FP16_TOLERANCE));
        assertThat(encoder.readState("cam-b", b.newState()).framesSeen()).isEqualTo(6);
    }

    @Test
    void aClipWhoseFramesAreAllSkippedCarriesTheStateOn() {
        EncodedClip first = encoder.encode(List.of(new ClipInput("cam-a", frames(16, 3), Optional.empty(), 4)))
                .get(0);
        EncodedClip skipped = encoder.encode(List.of(new ClipInput("cam-a", frames(17, 1), Optional.of(
                first.newState()), 4))).get(0);   // stream frame 3: not a multiple of 4
        assertThat(skipped.frameCount()).isZero();
        assertThat(skipped.tokenCount()).isZero();
        assertThat(skipped.globalMean()).containsExactly(first.globalMean());
        StreamState state = encoder.readState("cam-a", skipped.newState());
        assertThat(state.framesSeen()).isEqualTo(4);
        assertThat(state.temporal().orElseThrow().tokensSeen()).isEqualTo(PATCHES);
    }

    @Test
    void stateBytesRoundTrip() {
        EncodedClip clip = encoder.encode(List.of(ClipInput.fresh("cam-a", frames(18, 4)))).get(0);
        StreamState state = encoder.readState("cam-a", clip.newState());
        assertThat(new StreamStateFormat().write(state)).isEqualTo(clip.newState());
        assertThat(state.global().mean()).containsExactly(clip.globalMean());
        assertThat(state.global().frames()).isEqualTo(4);
    }

    @Test
    void aStateOfAnotherModelShapeFailsNamingTheStream() {
        byte[] otherDims;
        try (ModelBundle other = ModelBundle.load(new TinyClipBundle(8).dState(8).writeTo(dir.resolve("other")),
                DeviceSpec.cpu());
             ClipEncoder otherEncoder = new ClipEncoder(other, 64)) {
            otherDims = otherEncoder.encode(List.of(ClipInput.fresh("cam-x", frames(19, 2)))).get(0).newState();
        }
        List<ClipInput> batch = List.of(ClipInput.fresh("cam-ok", frames(20, 2)),
                ClipInput.continuing("cam-x", frames(21, 2), otherDims));
        assertThatThrownBy(() -> encoder.encode(batch))
                .isInstanceOf(ClipStateException.class)
                .hasMessageContaining("stream 'cam-x'")
                .hasMessageContaining("d_state=8")
                .satisfies(e -> assertThat(((ClipStateException) e).streamId()).isEqualTo("cam-x"));

        assertThatThrownBy(() -> encoder.encode(List.of(
                ClipInput.continuing("cam-y", frames(22, 1), "garbage".getBytes()))))
                .isInstanceOf(ClipStateException.class)
                .hasMessageContaining("stream 'cam-y'");
    }

    @Test
    void withoutTemporalLayersTheGlobalSemanticsAreStillCarried() {
        try (ModelBundle plain = ModelBundle.load(new TinyClipBundle(9).temporalLayers(0)
                .writeTo(dir.resolve("no-temporal")), DeviceSpec.cpu());
             ClipEncoder plainEncoder = new ClipEncoder(plain, 64)) {
            assertThat(plainEncoder.hasTemporalEncoder()).isFalse();
            List<EncodedClip> out = plainEncoder.encode(List.of(
                    ClipInput.fresh("cam-a", frames(23, 4)), ClipInput.fresh("cam-a", frames(24, 2))));
            assertThat(out.get(0).tokenCount()).isEqualTo(4 * TOKENS_PER_FRAME);
            assertThat(out.get(1).tokenCount()).isEqualTo(2 * TOKENS_PER_FRAME);
            StreamState state = plainEncoder.readState("cam-a", out.get(1).newState());
            assertThat(state.temporal()).isEmpty();
            assertThat(state.global().frames()).isEqualTo(6);
            // A state with a Mamba part does not silently resume in a bundle without one, nor the reverse.
            byte[] withMamba = encoder.encode(List.of(ClipInput.fresh("cam-a", frames(25, 1)))).get(0).newState();
            assertThatThrownBy(() -> plainEncoder.readState("cam-a", withMamba))
                    .isInstanceOf(ClipStateException.class).hasMessageContaining("no temporal encoder");
            assertThatThrownBy(() -> encoder.readState("cam-a", out.get(1).newState()))
                    .isInstanceOf(ClipStateException.class).hasMessageContaining("has no Mamba state");
        }
    }

    @Test
    void textIsEmbeddedWhenTheBundleHasATextTower() {
        float[][] text = encoder.embedText(List.of("a red car", "the person at the door")).orElseThrow();
        assertThat(text).hasDimensions(2, TinyClipBundle.PROJECTION);
        assertThat(text[0]).isNotEqualTo(text[1]);
        float[][] again = encoder.embedText(List.of("a red car")).orElseThrow();
        assertThat(again[0]).containsExactly(text[0], within(1e-5f));
        try (ModelBundle visionOnly = ModelBundle.load(new TinyClipBundle(10).writeTo(dir.resolve("vision-only")),
                DeviceSpec.cpu());
             ClipEncoder visionEncoder = new ClipEncoder(visionOnly, 64)) {
            assertThat(visionEncoder.embedText(List.of("a red car"))).isEmpty();
        }
    }

    @Test
    void inputsAreValidatedNamingTheStream() {
        assertThatThrownBy(() -> ClipInput.fresh("cam-a", List.of()))
                .hasMessageContaining("stream 'cam-a'").hasMessageContaining("at least one frame");
        assertThatThrownBy(() -> new ClipInput("cam-a", frames(26, 1), Optional.empty(), 0))
                .hasMessageContaining("samplingStride");
        assertThat(encoder.encode(List.of())).isEmpty();
    }
}
