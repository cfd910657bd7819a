package dev.vigil.models.mamba;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MambaStateFormatTest {

    private final MambaStateDims dims = new MambaStateDims(2, 6, 3, 4);
    private final MambaStateFormat format = new MambaStateFormat();

    private MambaState randomState() {
        Random random = new Random(42);
        MambaLayerState[] layers = new MambaLayerState[dims.layers()];
        for (int l = 0; l < layers.length; l++) {
            float[] h = new float[dims.ssmLength()];
            float[] tail = new float[dims.convTailLength()];
            for (int i = 0; i < h.length; i++) {
                h[i] = (float) random.nextGaussian();
            }
            for (int i = 0; i < tail.length; i++) {
                tail[i] = (float) random.nextGaussian();
            }
            layers[l] = new MambaLayerState(h, tail);
        }
        return new MambaState(dims, 1234567890123L, List.of(layers));
    }

    @Test
    void roundTripsExactly() {
        MambaState state = randomState();
        byte[] bytes = format.write(state);
        assertThat(bytes).hasSize(4 + 20 + 8 + 4 * 2 * (18 + 18));
        assertThat(format.read(bytes, dims)).isEqualTo(state);
    }

    @Test
    void isLittleEndianWithAVersionedHeader() {
        ByteBuffer header = ByteBuffer.wrap(format.write(randomState())).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new byte[] {header.get(), header.get(), header.get(), header.get()}).isEqualTo("VMST".getBytes());
        assertThat(header.getInt()).isEqualTo(MambaStateFormat.VERSION);
        assertThat(new int[] {header.getInt(), header.getInt(), header.getInt(), header.getInt()})
                .containsExactly(2, 6, 3, 4);
        assertThat(header.getLong()).isEqualTo(1234567890123L);
        assertThat(header.getFloat()).isEqualTo(randomState().layers().get(0).ssm()[0]);
    }

    @Test
    void rejectsAnotherModelsState() {
        byte[] bytes = format.write(randomState());
        assertThatThrownBy(() -> format.read(bytes, new MambaStateDims(2, 6, 4, 4)))
                .isInstanceOf(MambaStateFormatException.class)
                .hasMessageContaining("d_state=3").hasMessageContaining("d_state=4");
    }

    @Test
    void rejectsCorruptBytes() {
        byte[] bytes = format.write(randomState());
        byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 4);
        assertThatThrownBy(() -> format.read(truncated, dims)).hasMessageContaining("need exactly");
        byte[] badMagic = bytes.clone();
        badMagic[0] = 'X';
        assertThatThrownBy(() -> format.read(badMagic, dims)).hasMessageContaining("magic");
        byte[] future = bytes.clone();
        future[4] = 9;
        assertThatThrownBy(() -> format.read(future, dims)).hasMessageContaining("version 9");
        assertThatThrownBy(() -> format.read(new byte[3], dims)).hasMessageContaining("too short");
    }
}
