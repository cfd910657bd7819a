package dev.vigil.worker;

import dev.vigil.models.clip.EncodedClip;
import dev.vigil.schema.TokenMatrix;
import dev.vigil.tokens.Fp16;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.assertj.core.api.Assertions.assertThat;

class BatchEncodingTest {
    private static final int DIM = 4;

    @Test
    void aClipEmbeddingBecomesOneRowOfTheFrameEmbeddingsWidth() {
        byte[] readout = Fp16.toBytes(new float[]{0.5f, -1f, 2f, 0f});

        TokenMatrix m = BatchEncoding.clipEmbeddings(encoded(readout));

        assertThat(m.getCount()).isEqualTo(1);
        assertThat(m.getDim()).isEqualTo(DIM);
        assertThat(m.getFp16()).isEqualTo(ByteBuffer.wrap(readout));
    }

    @Test
    void noClipEmbeddingIsNullNotAZeroRow() {
        assertThat(BatchEncoding.clipEmbeddings(encoded(new byte[0]))).isNull();
    }

    /** One encoded clip of two frames and two tokens, as {@code ClipEncoder} returns it. */
    private static EncodedClip encoded(byte[] clipEmbedding) {
        byte[] two = new byte[2 * DIM * 2];
        return new EncodedClip("cam-1", two, 2, DIM, new int[]{4, 4}, two.clone(), 2, new int[]{0, 1}, new byte[8],
                new float[DIM], clipEmbedding);
    }
}
