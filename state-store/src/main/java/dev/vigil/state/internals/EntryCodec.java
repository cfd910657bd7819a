package dev.vigil.state.internals;

import dev.vigil.state.CorruptEntryException;
import dev.vigil.state.CoveredClip;
import dev.vigil.state.MemoryEntry;
import dev.vigil.state.TokenBlock;
import dev.vigil.tokens.Fp16;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The binary value format of a {@link MemoryEntry}, version 3 (see {@code docs/token-memory.md}).
 *
 * <pre>
 *   u8   version (3)            u8  tier
 *   i64  clipIndex              i64 start             i64 end
 *   i32  samplingStride         u8  flags (bit 0 partial, bit 1 keyframe present)
 *   u16  modelId length L,      L bytes UTF-8
 *   u16  mergeMetricChunk                          (version 2; a version 1 value reads as 64)
 *   i32  token count N,  i32 token dim D,   N*D*2 bytes fp16 little-endian
 *   N × i32 token sizes
 *   i32  frame count F,  i32 frame dim E,   F*E*2 bytes fp16 little-endian
 *   F × i64 frame times
 *   i32  clip embedding count G, i32 dim E,  G*E*2 bytes fp16 little-endian  (version 3; before: none)
 *   [i32 keyframe length K, K bytes JPEG]          only when flag bit 1 is set
 *   i32  covered clip count C,  C × (i64 clipIndex, i64 start, i64 end)
 *   u32  CRC-32C of every byte before it
 * </pre>
 *
 * Integers are big-endian (Java's {@link ByteBuffer} default); only the fp16 payloads keep the little-endian
 * layout of {@code TokenMatrix}, so they are copied, never converted. The camera id is not repeated in the
 * value: it is in the key. Older versions are still read, so a store restored from an older changelog or RocksDB
 * needs no migration: version 1, written before entries carried their bundle's merge metric, reads with 64, the
 * only metric there was; versions 1 and 2, written before entries carried clip embeddings, read with none (an
 * empty block of the frame embeddings' width). The clip embeddings follow the frame times, before the keyframe,
 * so that {@link #embeddingsOf} reaches both kinds of embedding without walking past the thumbnail.
 */
public final class EntryCodec {
    /** The format version this code writes; it also reads versions 1 and 2. */
    public static final int VERSION = 3;
    /** The first version with clip embeddings. */
    static final int CLIP_EMBEDDINGS_SINCE = 3;
    /** The merge metric chunk of every version-1 entry (the store's fixed metric then). */
    static final int V1_METRIC_CHUNK = 64;

    private static final int FLAG_PARTIAL = 1;
    private static final int FLAG_KEYFRAME = 2;
    private static final int FIXED_V1 = 1 + 1 + 8 + 8 + 8 + 4 + 1 + 2 + 4 + 4 + 4 + 4 + 4 + 4;
    private static final int FIXED_V2 = FIXED_V1 + 2;
    private static final int FIXED = FIXED_V2 + 4 + 4;

    private EntryCodec() {
    }

    /**
     * The exact encoded size of an entry with these dimensions; {@link dev.vigil.state.MemoryBound} uses it so
     * the bound and the format cannot drift apart. Clip embeddings are {@code frameDim} wide (one space).
     */
    public static long encodedSize(int modelIdBytes, int tokens, int tokenDim, int frames, int frameDim,
                                   int clipEmbeddings, int keyframeBytes, boolean hasKeyframe, int covers) {
        return FIXED + modelIdBytes
                + (long) tokens * tokenDim * 2 + (long) tokens * 4
                + (long) frames * frameDim * 2 + (long) frames * 8
                + (long) clipEmbeddings * frameDim * 2
                + (hasKeyframe ? 4L + keyframeBytes : 0L)
                + (long) covers * 24;
    }

    /** Encodes an entry. */
    static byte[] encode(MemoryEntry e) {
        byte[] model = e.modelId().getBytes(StandardCharsets.UTF_8);
        if (model.length > 0xffff) {
            throw new IllegalArgumentException("model id is longer than 65535 UTF-8 bytes");
        }
        if (e.mergeMetricChunk() > 0xffff) {
            throw new IllegalArgumentException("merge metric chunk " + e.mergeMetricChunk() + " is above 65535");
        }
        boolean hasKeyframe = e.keyframe() != null;
        long size = encodedSize(model.length, e.tokens().count(), e.tokens().dim(), e.frameEmbeddings().count(),
                e.frameEmbeddings().dim(), e.clipEmbeddings().count(), hasKeyframe ? e.keyframe().length : 0, hasKeyframe,
                e.covers().size());
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("entry of " + size + " bytes is too large");
        }
        ByteBuffer b = ByteBuffer.allocate((int) size);
        b.put((byte) VERSION).put((byte) e.tier());
        b.putLong(e.clipIndex()).putLong(e.start()).putLong(e.end());
        b.putInt(e.samplingStride());
        b.put((byte) ((e.partial() ? FLAG_PARTIAL : 0) | (hasKeyframe ? FLAG_KEYFRAME : 0)));
        b.putShort((short) model.length).put(model);
        b.putShort((short) e.mergeMetricChunk());
        putBlock(b, e.tokens());
        for (int s : e.tokenSizes()) {
            b.putInt(s);
        }
        putBlock(b, e.frameEmbeddings());
        for (long t : e.frameTimes()) {
            b.putLong(t);
        }
        putBlock(b, e.clipEmbeddings());
        if (hasKeyframe) {
            b.putInt(e.keyframe().length).put(e.keyframe());
        }
        b.putInt(e.covers().size());
        for (CoveredClip c : e.covers()) {
            b.putLong(c.clipIndex()).putLong(c.start()).putLong(c.end());
        }
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        return b.array();
    }

    /**
     * Decodes an entry of the given camera.
     *
     * @throws CorruptEntryException if the bytes are of another version, fail the checksum or are malformed
     */
    static MemoryEntry decode(String cameraId, byte[] bytes) {
        if (bytes == null || bytes.length < FIXED_V1) {
            throw new CorruptEntryException("TokenMemory value of camera " + cameraId + " is truncated: "
                    + (bytes == null ? "null" : bytes.length + " bytes") + ", a valid one has at least " + FIXED_V1);
        }
        if (!readable(bytes[0])) {
            throw new CorruptEntryException("TokenMemory value of camera " + cameraId + " has format version "
                    + (bytes[0] & 0xff) + "; this build reads versions 1 to " + VERSION);
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        int stored = ByteBuffer.wrap(bytes, bytes.length - 4, 4).getInt();
        if (stored != (int) crc.getValue()) {
            throw new CorruptEntryException("TokenMemory value of camera " + cameraId + " fails its CRC-32C check ("
                    + bytes.length + " bytes): the stored bytes are corrupt");
        }
        try {
            ByteBuffer b = ByteBuffer.wrap(bytes, 0, bytes.length - 4);
            b.get(); // version, checked above
            int tier = b.get();
            long clipIndex = b.getLong();
            long start = b.getLong();
            long end = b.getLong();
            int stride = b.getInt();
            int flags = b.get();
            byte[] model = new byte[b.getShort() & 0xffff];
            b.get(model);
            int metricChunk = bytes[0] == 1 ? V1_METRIC_CHUNK : b.getShort() & 0xffff;
            TokenBlock tokens = getBlock(b);
            int[] sizes = new int[tokens.count()];
            for (int i = 0; i < sizes.length; i++) {
                sizes[i] = b.getInt();
            }
            TokenBlock frames = getBlock(b);
            long[] times = new long[frames.count()];
            for (int i = 0; i < times.length; i++) {
                times[i] = b.getLong();
            }
            TokenBlock clipEmbeddings = bytes[0] < CLIP_EMBEDDINGS_SINCE ? TokenBlock.empty(frames.dim()) : getBlock(b);
            byte[] keyframe = null;
            if ((flags & FLAG_KEYFRAME) != 0) {
                keyframe = new byte[checkedLength(b.getInt(), b.remaining())];
                b.get(keyframe);
            }
            int coverCount = checkedLength(b.getInt(), b.remaining() / 24);
            List<CoveredClip> covers = new ArrayList<>(coverCount);
            for (int i = 0; i < coverCount; i++) {
                covers.add(new CoveredClip(b.getLong(), b.getLong(), b.getLong()));
            }
            if (b.hasRemaining()) {
                throw new CorruptEntryException(b.remaining() + " unexpected trailing bytes");
            }
            return new MemoryEntry(cameraId, clipIndex, start, end, new String(model, StandardCharsets.UTF_8),
                    metricChunk, tier, tokens, sizes, frames, times, clipEmbeddings, keyframe, stride, (flags & FLAG_PARTIAL) != 0, covers);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new CorruptEntryException("TokenMemory value of camera " + cameraId + " is malformed: "
                    + (e.getMessage() == null ? "truncated" : e.getMessage()));
        }
    }

    /**
     * Where an encoded entry's frame and clip embeddings lie, with its span, read without copying or checking the
     * rest: what a similarity scan needs from every entry it passes (only its best few are decoded, and checked, in
     * full). The layout is validated as far as it is read, so a malformed value fails here rather than reading
     * out of bounds. A value of a version before clip embeddings has none.
     *
     * @throws CorruptEntryException if the header or the blocks up to the clip embeddings are malformed
     */
    static EmbeddingView embeddingsOf(String cameraId, byte[] bytes) {
        checkHeader(bytes);
        try {
            ByteBuffer b = ByteBuffer.wrap(bytes, 0, bytes.length - 4);
            b.position(2);
            b.getLong(); // clip index
            long start = b.getLong();
            long end = b.getLong();
            b.position(b.position() + 4 + 1); // stride, flags
            int modelBytes = (b.getShort() & 0xffff) + (bytes[0] == 1 ? 0 : 2); // since v2: the metric chunk follows
            b.position(checkedLength(b.position() + modelBytes, b.limit()));
            int tokens = b.getInt();
            int tokenDim = b.getInt();
            long skip = (long) tokens * tokenDim * 2 + (long) tokens * 4;
            if (tokens < 0 || tokenDim < 0 || skip > b.remaining()) {
                throw new CorruptEntryException("TokenMemory value of camera " + cameraId + " is malformed: token block "
                        + tokens + " x " + tokenDim + " does not fit in " + b.remaining() + " remaining bytes");
            }
            b.position(b.position() + (int) skip);
            int count = b.getInt();
            int dim = b.getInt();
            long frameBytes = (long) count * dim * 2 + (long) count * 8; // the rows and their times
            if (count < 0 || dim < 0 || frameBytes > b.remaining()) {
                throw new CorruptEntryException("TokenMemory value of camera " + cameraId + " is malformed: frame"
                        + " embeddings " + count + " x " + dim + " do not fit in " + b.remaining() + " remaining bytes");
            }
            int offset = b.position();
            if (bytes[0] < CLIP_EMBEDDINGS_SINCE) {
                return new EmbeddingView(start, end, count, dim, bytes, offset, 0, offset);
            }
            b.position(offset + (int) frameBytes);
            int clipCount = b.getInt();
            int clipDim = b.getInt();
            if (clipCount < 0 || clipDim != dim || (long) clipCount * clipDim * 2 > b.remaining()) {
                throw new CorruptEntryException("TokenMemory value of camera " + cameraId + " is malformed: clip"
                        + " embeddings " + clipCount + " x " + clipDim + " beside frame embeddings of width " + dim
                        + " in " + b.remaining() + " remaining bytes");
            }
            return new EmbeddingView(start, end, count, dim, bytes, offset, clipCount, b.position());
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new CorruptEntryException("TokenMemory value of camera " + cameraId + " is malformed: "
                    + (e.getMessage() == null ? "truncated" : e.getMessage()));
        }
    }

    /**
     * An encoded entry's embeddings in place: {@code count} frame embeddings of {@code dim} little-endian fp16
     * values from byte {@code offset} of {@code bytes}, and {@code clipCount} clip embeddings of the same width
     * from byte {@code clipOffset}.
     */
    record EmbeddingView(long start, long end, int count, int dim, byte[] bytes, int offset, int clipCount,
                         int clipOffset) {
        /** All frame embeddings, row-major, into the start of {@code out} (at least {@code count * dim} long). */
        void rowsInto(float[] out) {
            Fp16.decodeInto(bytes, offset, out, 0, count * dim);
        }

        /** All clip embeddings, row-major, into the start of {@code out} (at least {@code clipCount * dim} long). */
        void clipRowsInto(float[] out) {
            Fp16.decodeInto(bytes, clipOffset, out, 0, clipCount * dim);
        }
    }

    /** The tier of an encoded entry, read from its header without decoding the payload. */
    static int tierOf(byte[] bytes) {
        checkHeader(bytes);
        return bytes[1];
    }

    /** The end time of an encoded entry, read from its header without decoding the payload. */
    static long endOf(byte[] bytes) {
        checkHeader(bytes);
        return ByteBuffer.wrap(bytes, 18, 8).getLong();
    }

    private static void checkHeader(byte[] bytes) {
        if (bytes.length < FIXED_V1 || !readable(bytes[0])) {
            throw new CorruptEntryException("not a version 1 to " + VERSION + " TokenMemory value (" + bytes.length
                    + " bytes)");
        }
    }

    private static boolean readable(byte version) {
        return version >= 1 && version <= VERSION;
    }

    private static void putBlock(ByteBuffer b, TokenBlock block) {
        b.putInt(block.count()).putInt(block.dim()).put(block.fp16());
    }

    private static TokenBlock getBlock(ByteBuffer b) {
        int count = b.getInt();
        int dim = b.getInt();
        long len = (long) count * dim * 2;
        if (count < 0 || dim < 0 || len > b.remaining()) {
            throw new CorruptEntryException("matrix " + count + " x " + dim + " does not fit in " + b.remaining()
                    + " remaining bytes");
        }
        byte[] fp16 = new byte[(int) len];
        b.get(fp16);
        return new TokenBlock(count, dim, fp16);
    }

    private static int checkedLength(int length, int remaining) {
        if (length < 0 || length > remaining) {
            throw new CorruptEntryException("length " + length + " does not fit in " + remaining + " remaining bytes");
        }
        return length;
    }
}
