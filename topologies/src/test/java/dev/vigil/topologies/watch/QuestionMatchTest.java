package dev.vigil.topologies.watch;

import dev.vigil.schema.ClipTokens;
import dev.vigil.schema.TokenMatrix;
import dev.vigil.tokens.Fp16;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class QuestionMatchTest {
    private static final long T0 = 1_700_000_000_000L;

    @Test
    void picksTheBestFrameByCosine() {
        float[] frames = {1, 0, 0, /* */ 0, 2, 0, /* */ 0, 1, 1};
        QuestionMatch m = QuestionMatch.best(new float[]{0, 1, 0}, frames, 3, 3);
        assertThat(m.frame()).isEqualTo(1);
        assertThat(m.byClipEmbedding()).isFalse();
        assertThat(m.score()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void aClipEmbeddingCloserThanEveryFrameWinsAndCitesTheClipsMidpoint() {
        ClipTokens clip = clip(new float[]{0, 0, 1});
        float[] frames = floats(clip.getFrameEmbeddings());
        float[] readout = floats(clip.getClipEmbeddings());

        QuestionMatch m = QuestionMatch.best(new float[]{0, 0.1f, 1}, frames, 2, readout, 1, 3);

        assertThat(m.byClipEmbedding()).isTrue();
        assertThat(m.clipEmbedding()).isZero();
        assertThat(m.frame()).isEqualTo(-1);
        assertThat(m.score()).isCloseTo(1 / Math.sqrt(1.01), within(1e-6));
        assertThat(m.momentTime(clip)).isEqualTo(T0 + 1_000); // the 2 s clip's middle
    }

    @Test
    void aFrameCloserThanTheClipEmbeddingWinsAndCitesItsOwnTime() {
        ClipTokens clip = clip(new float[]{0, 0, 1});

        QuestionMatch m = QuestionMatch.best(new float[]{0, 1, 0}, floats(clip.getFrameEmbeddings()), 2,
                floats(clip.getClipEmbeddings()), 1, 3);

        assertThat(m.frame()).isEqualTo(1);
        assertThat(m.clipEmbedding()).isEqualTo(-1);
        assertThat(m.momentTime(clip)).isEqualTo(T0 + 1_500);
        assertThat(m).isEqualTo(QuestionMatch.best(new float[]{0, 1, 0}, floats(clip.getFrameEmbeddings()), 2, 3));
    }

    @Test
    void aClipWithOnlyAClipEmbeddingIsScoredByIt() {
        QuestionMatch m = QuestionMatch.best(new float[]{0, 0, 2}, new float[0], 0, new float[]{0, 0, 1}, 1, 3);

        assertThat(m.byClipEmbedding()).isTrue();
        assertThat(m.score()).isCloseTo(1.0, within(1e-9));
        assertThat(QuestionMatch.best(new float[]{0, 0, 2}, new float[0], 0, new float[0], 0, 3)).isNull();
    }

    /** A 2 s clip of two frames, at 0.5 s (along x) and 1.5 s (along y), whose readout points along {@code readout}. */
    private static ClipTokens clip(float[] readout) {
        return ClipTokens.newBuilder().setCameraId("cam-a").setClipIndex(3)
                .setStart(Instant.ofEpochMilli(T0)).setEnd(Instant.ofEpochMilli(T0 + 2_000)).setModelId("tiny")
                .setTokens(new TokenMatrix(0, 3, ByteBuffer.allocate(0))).setTokenSizes(List.of())
                .setFrameEmbeddings(new TokenMatrix(2, 3, ByteBuffer.wrap(Fp16.toBytes(new float[]{1, 0, 0, 0, 1, 0}))))
                .setFrameTimes(List.of(Instant.ofEpochMilli(T0 + 500), Instant.ofEpochMilli(T0 + 1_500)))
                .setClipEmbeddings(new TokenMatrix(1, 3, ByteBuffer.wrap(Fp16.toBytes(readout))))
                .setIngestTime(Instant.ofEpochMilli(T0 + 2_100)).setEncodeTime(Instant.ofEpochMilli(T0 + 2_200))
                .build();
    }

    private static float[] floats(TokenMatrix m) {
        byte[] bytes = new byte[m.getFp16().remaining()];
        m.getFp16().duplicate().get(bytes);
        return Fp16.toFloats(bytes);
    }

    @Test
    void anotherModelsDimOrNoFramesIsNoMatch() {
        assertThat(QuestionMatch.best(new float[]{1, 0}, new float[]{1, 0, 0}, 1, 3)).isNull();
        assertThat(QuestionMatch.best(new float[]{1, 0, 0}, new float[0], 0, 3)).isNull();
    }

    @Test
    void watchesAndJsonRoundTrip() {
        Watch w = new Watch("w1", "a red car?", List.of("cam-a"), new float[]{0.5f, -1f}, "tiny", 0.8, 30_000, "k1", 42);
        WatchJson json = new WatchJson();
        assertThat(json.watch(json.watch(w))).isEqualTo(w);
        assertThat(w.watches("cam-a")).isTrue();
        assertThat(w.watches("cam-b")).isFalse();
        Alert a = new Alert(1, "w1:cam-a:3", "w1", "q", "cam-a", 3, 10, 20, 15, 0.9, "tiny");
        assertThat(json.alert(json.alert(a))).isEqualTo(a);
    }
}
