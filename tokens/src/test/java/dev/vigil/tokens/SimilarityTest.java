package dev.vigil.tokens;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SimilarityTest {

    @Test
    void cosineIsScaleFreeAndZeroForZeroVectors() {
        assertThat(Similarity.cosine(new float[] {1, 0}, new float[] {5, 0})).isCloseTo(1, within(1e-12));
        assertThat(Similarity.cosine(new float[] {1, 0}, new float[] {0, 3})).isCloseTo(0, within(1e-12));
        assertThat(Similarity.cosine(new float[] {1, 1}, new float[] {-2, -2})).isCloseTo(-1, within(1e-12));
        assertThat(Similarity.cosine(new float[] {0, 0}, new float[] {1, 2})).isZero();
    }

    @Test
    void normalisedHasUnitLengthAndZeroStaysZero() {
        float[] u = Similarity.normalised(new float[] {3, 4});
        assertThat(u).containsExactly(0.6f, 0.8f);
        assertThat(Similarity.normalised(new float[] {0, 0})).containsExactly(0f, 0f);
        float[] buffer = {9, 9};
        assertThat(Similarity.normaliseInto(new float[] {0, 2}, buffer)).isSameAs(buffer).containsExactly(0f, 1f);
        assertThat(Similarity.dot(new float[] {1, 2}, new float[] {3, 4})).isEqualTo(11);
    }

    @Test
    void maxCosineFindsTheBestRowFirstOfEqualsAndIgnoresTheBufferTail() {
        float[] rows = {0, 1, 2, 0, 2, 0, 7, 7}; // rows (0,1), (2,0), (2,0); the tail is stale buffer
        Similarity.Best best = Similarity.maxCosine(new float[] {1, 0}, rows, 3, 2);
        assertThat(best.row()).isEqualTo(1);
        assertThat(best.score()).isCloseTo(1, within(1e-12));
        assertThat(Similarity.maxCosine(new float[] {1, 0}, rows, 0, 2).row()).isEqualTo(-1);
        assertThat(Similarity.maxCosine(new float[] {0, 0}, rows, 3, 2).score()).isZero();
    }

    @Test
    void maxCosineAgreesWithCosineRowByRow() {
        java.util.Random random = new java.util.Random(3);
        float[] q = new float[16];
        float[] rows = new float[5 * 16];
        for (int i = 0; i < q.length; i++) {
            q[i] = (float) random.nextGaussian();
        }
        for (int i = 0; i < rows.length; i++) {
            rows[i] = (float) random.nextGaussian();
        }
        double best = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < 5; r++) {
            best = Math.max(best, Similarity.cosine(q, java.util.Arrays.copyOfRange(rows, r * 16, r * 16 + 16)));
        }
        assertThat(Similarity.maxCosine(q, rows, 5, 16).score()).isCloseTo(best, within(1e-12));
    }

    @Test
    void entryScoreIsTheFramesWhenAFrameIsCloser() {
        float[] frames = {1, 0, 0, /* */ 0, 1, 0};
        float[] clip = {1, 1, 0};

        Similarity.EntryScore s = Similarity.entryScore(new float[]{0, 1, 0}, frames, 2, clip, 1, 3);

        assertThat(s.frameRow()).isEqualTo(1);
        assertThat(s.clipRow()).isEqualTo(-1);
        assertThat(s.clipWon()).isFalse();
        assertThat(s.score()).isCloseTo(1, within(1e-12));
    }

    @Test
    void entryScoreIsTheClipEmbeddingsWhenItIsCloser() {
        float[] frames = {1, 0, 0, /* */ 0, 1, 0};
        float[] clips = {0, 0, -1, /* */ 0, 1, 1, /* */ 9, 9, 9}; // the last row is stale buffer

        Similarity.EntryScore s = Similarity.entryScore(new float[]{0, 1, 1}, frames, 2, clips, 2, 3);

        assertThat(s.clipWon()).isTrue();
        assertThat(s.clipRow()).isEqualTo(1);
        assertThat(s.frameRow()).isEqualTo(-1);
        assertThat(s.score()).isCloseTo(1, within(1e-12));
        // an entry that has only a clip embedding is scored by it
        assertThat(Similarity.entryScore(new float[]{0, 1, 1}, new float[0], 0, clips, 2, 3).clipRow()).isEqualTo(1);
    }

    @Test
    void withoutClipEmbeddingsEntryScoreIsMaxCosine() {
        java.util.Random random = new java.util.Random(5);
        float[] q = new float[8];
        float[] rows = new float[6 * 8];
        for (int i = 0; i < q.length; i++) {
            q[i] = (float) random.nextGaussian();
        }
        for (int i = 0; i < rows.length; i++) {
            rows[i] = (float) random.nextGaussian();
        }
        Similarity.Best frames = Similarity.maxCosine(q, rows, 6, 8);

        Similarity.EntryScore s = Similarity.entryScore(q, rows, 6, new float[0], 0, 8);

        assertThat(s.score()).isEqualTo(frames.score());
        assertThat(s.frameRow()).isEqualTo(frames.row());
        assertThat(s.clipWon()).isFalse();
        Similarity.EntryScore none = Similarity.entryScore(q, rows, 0, new float[0], 0, 8);
        assertThat(none.none()).isTrue();
        assertThat(none.score()).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void entryScoreTiesAreDeterministicFirstRowAndFrameBeforeClip() {
        float[] frames = {2, 0, /* */ 1, 0};
        float[] clips = {3, 0, /* */ 5, 0};

        Similarity.EntryScore s = Similarity.entryScore(new float[]{1, 0}, frames, 2, clips, 2, 2);

        assertThat(s.frameRow()).as("first of equal frames, and frames win a tie with clips").isZero();
        assertThat(s.clipWon()).isFalse();
        Similarity.EntryScore clipsOnly = Similarity.entryScore(new float[]{1, 0}, new float[0], 0, clips, 2, 2);
        assertThat(clipsOnly.clipRow()).as("first of equal clip embeddings").isZero();
        // a zero question scores every row 0: still a frame, the first
        assertThat(Similarity.entryScore(new float[]{0, 0}, frames, 2, clips, 2, 2).frameRow()).isZero();
    }
}
