package dev.vigil.state.internals;

import org.apache.kafka.common.utils.Bytes;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The key layout of the TokenMemory store. RocksDB orders keys bytewise (unsigned), so:
 *
 * <pre>
 *   entry            0x01 | cameraId UTF-8 | 0x00 | start millis, sign bit flipped, big-endian (8 bytes)
 *   camera summary   0x02 | cameraId UTF-8
 *   temporal state   0x03 | cameraId UTF-8
 * </pre>
 *
 * <p>All entries of a camera lie between {@code 0x01|cam|0x00|min} and {@code 0x01|cam|0x00|max}, in start
 * time order, so a per-camera time range is one RocksDB range scan. The 0x00 separator keeps camera
 * {@code "a"} from interleaving with camera {@code "ab"}, which is why camera ids may not contain U+0000.
 * Flipping the sign bit makes the unsigned byte order of the 8 time bytes equal to signed numeric order.
 */
public final class MemoryKey {
    static final byte ENTRY = 0x01;
    static final byte SUMMARY = 0x02;
    static final byte TEMPORAL_STATE = 0x03;

    /** Camera ids are at most this many UTF-8 bytes (the bound on a key's size depends on it). */
    public static final int MAX_CAMERA_ID_BYTES = 255;

    private MemoryKey() {
    }

    /** The key of the entry starting at {@code start}. */
    static Bytes entry(String cameraId, long start) {
        byte[] cam = cameraBytes(cameraId);
        ByteBuffer b = ByteBuffer.allocate(entryKeySize(cam.length));
        b.put(ENTRY).put(cam).put((byte) 0).putLong(start ^ Long.MIN_VALUE);
        return Bytes.wrap(b.array());
    }

    /** The size of an entry key for a camera id of {@code cameraIdBytes} UTF-8 bytes. */
    public static int entryKeySize(int cameraIdBytes) {
        return 1 + cameraIdBytes + 1 + Long.BYTES;
    }

    /** The key of a camera's summary (latest time, tier frontiers, sizes, global embedding). */
    static Bytes summary(String cameraId) {
        return prefixed(SUMMARY, cameraId);
    }

    /** The key of a camera's latest temporal (Mamba) state. */
    static Bytes temporalState(String cameraId) {
        return prefixed(TEMPORAL_STATE, cameraId);
    }

    /** Lower bound (inclusive) of every summary key. */
    static Bytes firstSummary() {
        return Bytes.wrap(new byte[]{SUMMARY});
    }

    /** Upper bound (inclusive) of every summary key; no real key equals it because camera ids are non-empty. */
    static Bytes lastSummary() {
        return Bytes.wrap(new byte[]{SUMMARY + 1});
    }

    /** The start time encoded in an entry key. */
    static long startOf(Bytes entryKey) {
        byte[] k = entryKey.get();
        if (k.length < 10 || k[0] != ENTRY) {
            throw new IllegalArgumentException("not an entry key: " + entryKey);
        }
        return ByteBuffer.wrap(k, k.length - Long.BYTES, Long.BYTES).getLong() ^ Long.MIN_VALUE;
    }

    /** The camera id of a summary key. */
    static String cameraOfSummary(Bytes summaryKey) {
        byte[] k = summaryKey.get();
        return new String(k, 1, k.length - 1, StandardCharsets.UTF_8);
    }

    /** A camera id's UTF-8 bytes, checked: non-empty, no U+0000, at most {@link #MAX_CAMERA_ID_BYTES}. */
    static byte[] cameraBytes(String cameraId) {
        if (cameraId == null || cameraId.isEmpty()) {
            throw new IllegalArgumentException("camera id must not be empty");
        }
        if (cameraId.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("camera id must not contain U+0000 (it separates id and time in keys)");
        }
        byte[] cam = cameraId.getBytes(StandardCharsets.UTF_8);
        if (cam.length > MAX_CAMERA_ID_BYTES) {
            throw new IllegalArgumentException("camera id is " + cam.length + " UTF-8 bytes, at most "
                    + MAX_CAMERA_ID_BYTES + " allowed");
        }
        return cam;
    }

    private static Bytes prefixed(byte kind, String cameraId) {
        byte[] cam = cameraBytes(cameraId);
        byte[] k = new byte[cam.length + 1];
        k[0] = kind;
        System.arraycopy(cam, 0, k, 1, cam.length);
        return Bytes.wrap(k);
    }
}
