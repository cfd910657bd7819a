package dev.vigil.schema.serde;

import java.nio.ByteBuffer;

/**
 * The Confluent wire format: magic byte 0, a 4-byte big-endian schema id, then the Avro binary body.
 *
 * @param schemaId   the registry's global id of the writer schema
 * @param bodyOffset where the Avro body starts in the record's bytes
 */
public record WireFormat(int schemaId, int bodyOffset) {
    public static final byte MAGIC = 0;
    public static final int HEADER_BYTES = 5;

    /** Reads the header of {@code bytes}, or explains why they are not in the wire format. */
    public static WireFormat parse(String topic, byte[] bytes) {
        if (bytes.length < HEADER_BYTES) {
            throw new WireFormatException(topic, "record on " + topic + " has " + bytes.length
                    + " bytes, fewer than the 5-byte Confluent wire header (magic byte 0 + schema id)", null);
        }
        if (bytes[0] != MAGIC) {
            throw new WireFormatException(topic, String.format(
                    "record on %s starts with byte 0x%02x, not the Confluent wire magic byte 0x00", topic, bytes[0]), null);
        }
        return new WireFormat(ByteBuffer.wrap(bytes, 1, 4).getInt(), HEADER_BYTES);
    }

    /** Writes the header for {@code schemaId} into the first five bytes of {@code buffer}. */
    public static void writeHeader(ByteBuffer buffer, int schemaId) {
        buffer.put(MAGIC).putInt(schemaId);
    }
}
