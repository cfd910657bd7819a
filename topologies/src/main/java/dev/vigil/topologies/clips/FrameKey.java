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

    /** Smallest key of {@code cameraId} at or after {@code eventTimeMs}. */
    static Bytes lowest(String cameraId, long eventTimeMs) {
        return of(cameraId, eventTimeMs, Long.MIN_VALUE);
    }

    /** Largest key of {@code cameraId} at or before {@code eventTimeMs}. */
    static Bytes highest(String cameraId, long eventTimeMs) {
        return of(cameraId, eventTimeMs, Long.MAX_VALUE);
    }

    /** Event time of a key. */
    static long eventTime(Bytes key) {
        byte[] k = key.get();
        return ByteBuffer.wrap(k, k.length - 16, 8).getLong();
    }
}
