package dev.vigil.topologies.clips;

import org.apache.kafka.common.utils.Bytes;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Key of a held frame: camera id, a zero byte, big-endian event time, big-endian sequence number. Byte order
 * equals (camera, time, seq) order, so one camera's frames of one clip are a single range scan.
 */
final class FrameKey {
    private FrameKey() {
    }

    static Bytes of(String cameraId, long eventTimeMs, long seq) {
        byte[] camera = cameraId.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(camera.length + 17).put(camera).put((byte) 0)
                .putLong(eventTimeMs).putLong(seq).array());
    }

    /** Smallest key of {@code cameraId} at {@code eventTimeMs}: sequence numbers are never negative, so 0 is first. */
    static Bytes lowest(String cameraId, long eventTimeMs) {
        return of(cameraId, eventTimeMs, 0L);
    }

    /**
     * Largest key of {@code cameraId} at {@code eventTimeMs}. Keys compare as unsigned bytes, so the largest
     * sequence is all 0xff bytes, which is -1 as a long (not {@link Long#MAX_VALUE}, whose first byte is 0x7f).
     */
    static Bytes highest(String cameraId, long eventTimeMs) {
        return of(cameraId, eventTimeMs, -1L);
    }

    /** Event time of a key. */
    static long eventTime(Bytes key) {
        byte[] k = key.get();
        return ByteBuffer.wrap(k, k.length - 16, 8).getLong();
    }
}
