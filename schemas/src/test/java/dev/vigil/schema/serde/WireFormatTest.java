package dev.vigil.schema.serde;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WireFormatTest {

    @Test
    void readsTheBigEndianSchemaIdAfterTheMagicByte() {
        ByteBuffer buffer = ByteBuffer.allocate(8);
        WireFormat.writeHeader(buffer, 0x01020304);

        WireFormat wire = WireFormat.parse("t", buffer.array());

        assertThat(buffer.array()).startsWith(0, 1, 2, 3, 4);
        assertThat(wire.schemaId()).isEqualTo(0x01020304);
        assertThat(wire.bodyOffset()).isEqualTo(5);
    }

    @Test
    void rejectsAWrongMagicByteNamingTheTopicAndTheByte() {
        assertThatThrownBy(() -> WireFormat.parse("vigil.frames", new byte[]{(byte) 0x7b, 0, 0, 0, 1, 2}))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("vigil.frames").hasMessageContaining("0x7b");
    }

    @Test
    void rejectsRecordsShorterThanTheHeader() {
        assertThatThrownBy(() -> WireFormat.parse("vigil.clips", new byte[]{0, 0}))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("2 bytes");
    }

    @Test
    void subjectsFollowTopicNameStrategy() {
        assertThat(SubjectNames.of("vigil.frames", false)).isEqualTo("vigil.frames-value");
        assertThat(SubjectNames.of("vigil.frames", true)).isEqualTo("vigil.frames-key");
    }
}
