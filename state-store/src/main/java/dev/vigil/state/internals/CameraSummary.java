package dev.vigil.state.internals;

import dev.vigil.state.CorruptEntryException;
import dev.vigil.state.GlobalEmbedding;
import dev.vigil.state.MemoryEntry;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The per-camera bookkeeping that makes {@code maintain} and the stats cheap, stored under the camera's
 * summary key in the same RocksDB store (and so in the same changelog, restored with the entries, always
 * consistent with them under exactly-once).
 *
 * <p>Invariants: every entry starting before {@code tier1Frontier} is consolidated (tier ≥ 1), every entry
 * starting before {@code tier2Frontier} is tier 2, {@code tier2Frontier <= tier1Frontier}; no live entry
 * ends before {@code nextExpiry} (a lower bound, so retention can skip its scan until the cutoff passes it);
 * {@code entries[t]}/{@code bytes[t]} count the live entries of tier t and their key + value bytes.
 *
 * @param latestEventTime    the newest clip end seen, epoch millis ({@link Long#MIN_VALUE} before any)
 * @param tier1Frontier      start of the first tier-1 bucket not yet consolidated
 * @param tier2Frontier      start of the first tier-2 bucket not yet consolidated
 * @param nextExpiry         lower bound of every live entry's end
 * @param maxSpan            the longest {@code end - start} of any entry stored, for range-query look-back
 * @param entries            live entries per tier
 * @param bytes              key + value bytes per tier
 * @param temporalStateBytes key + value bytes of the stored temporal state, 0 if none
 * @param globalModelId      the model of the running global embedding ("" before any frame)
 * @param globalCount        frames summed into {@code globalSum}
 * @param globalSum          fp32 sum of pooled frame embeddings (LongVLM global semantics = sum / count)
 */
public record CameraSummary(
        long latestEventTime,
        long tier1Frontier,
        long tier2Frontier,
        long nextExpiry,
        long maxSpan,
        int[] entries,
        long[] bytes,
        long temporalStateBytes,
        String globalModelId,
        long globalCount,
        float[] globalSum) {

    static final int VERSION = 1;

    /** The summary of a camera with nothing stored. */
    static CameraSummary empty() {
        return new CameraSummary(Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE, Long.MAX_VALUE, 0,
                new int[MemoryEntry.MAX_TIER + 1], new long[MemoryEntry.MAX_TIER + 1], 0, "", 0, new float[0]);
    }

    /** The encoded size of a summary whose global embedding has this model id length and dim. */
    public static int encodedSize(int modelIdBytes, int dim) {
        return 1 + 8 * 5 + (MemoryEntry.MAX_TIER + 1) * (4 + 8) + 8 + 2 + modelIdBytes + 8 + 4 + 4 * dim + 4;
    }

    /** Total live bytes of all tiers. */
    long entryBytes() {
        return Arrays.stream(bytes).sum();
    }

    /**
     * The earliest start an entry overlapping {@code from} can have: no entry spans more than {@code maxSpan},
     * so range reads start their key scan there.
     */
    long earliestStartOverlapping(long from) {
        return saturatedMinus(from, maxSpan);
    }

    /** The running global embedding as its mean (LongVLM global semantics). */
    GlobalEmbedding globalEmbedding(String cameraId) {
        float[] mean = new float[globalCount == 0 ? 0 : globalSum.length];
        for (int i = 0; i < mean.length; i++) {
            mean[i] = (float) (globalSum[i] / (double) globalCount);
        }
        return new GlobalEmbedding(cameraId, globalModelId, globalCount, mean);
    }

    /** {@code a - b}, saturating at {@link Long#MIN_VALUE}: event times near the range ends must not wrap. */
    static long saturatedMinus(long a, long b) {
        long r = a - b;
        return ((a ^ b) & (a ^ r)) < 0 ? Long.MIN_VALUE : r;
    }

    CameraSummary withLatest(long eventTime) {
        if (eventTime <= latestEventTime) {
            return this; // unchanged instances let callers skip rewriting the summary
        }
        return new CameraSummary(Math.max(latestEventTime, eventTime), tier1Frontier, tier2Frontier, nextExpiry,
                maxSpan, entries, bytes, temporalStateBytes, globalModelId, globalCount, globalSum);
    }

    CameraSummary withFrontiers(long tier1, long tier2) {
        return new CameraSummary(latestEventTime, tier1, tier2, nextExpiry, maxSpan, entries, bytes,
                temporalStateBytes, globalModelId, globalCount, globalSum);
    }

    CameraSummary withNextExpiry(long expiry) {
        return new CameraSummary(latestEventTime, tier1Frontier, tier2Frontier, expiry, maxSpan, entries, bytes,
                temporalStateBytes, globalModelId, globalCount, globalSum);
    }

    CameraSummary withTemporalStateBytes(long size) {
        return new CameraSummary(latestEventTime, tier1Frontier, tier2Frontier, nextExpiry, maxSpan, entries, bytes,
                size, globalModelId, globalCount, globalSum);
    }

    CameraSummary withGlobal(String modelId, long count, float[] sum) {
        return new CameraSummary(latestEventTime, tier1Frontier, tier2Frontier, nextExpiry, maxSpan, entries, bytes,
                temporalStateBytes, modelId, count, sum);
    }

    /** Accounts for a new live entry of {@code size} key + value bytes. */
    CameraSummary adding(MemoryEntry e, long size) {
        int[] n = entries.clone();
        long[] b = bytes.clone();
        n[e.tier()]++;
        b[e.tier()] += size;
        return new CameraSummary(latestEventTime, tier1Frontier, tier2Frontier, Math.min(nextExpiry, e.end()),
                Math.max(maxSpan, e.end() - e.start()), n, b, temporalStateBytes, globalModelId, globalCount,
                globalSum);
    }

    /** Accounts for a removed live entry of {@code tier} and {@code size} key + value bytes. */
    CameraSummary removing(int tier, long size) {
        int[] n = entries.clone();
        long[] b = bytes.clone();
        n[tier]--;
        b[tier] -= size;
        return new CameraSummary(latestEventTime, tier1Frontier, tier2Frontier, nextExpiry, maxSpan, n, b,
                temporalStateBytes, globalModelId, globalCount, globalSum);
    }

    /** Version 1: fixed fields big-endian, then the global embedding as fp32, then a CRC-32C. */
    byte[] encode() {
        byte[] model = globalModelId.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(encodedSize(model.length, globalSum.length));
        b.put((byte) VERSION);
        b.putLong(latestEventTime).putLong(tier1Frontier).putLong(tier2Frontier).putLong(nextExpiry).putLong(maxSpan);
        for (int t = 0; t <= MemoryEntry.MAX_TIER; t++) {
            b.putInt(entries[t]).putLong(bytes[t]);
        }
        b.putLong(temporalStateBytes);
        b.putShort((short) model.length).put(model);
        b.putLong(globalCount).putInt(globalSum.length);
        for (float f : globalSum) {
            b.putFloat(f);
        }
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        return b.array();
    }

    static CameraSummary decode(String cameraId, byte[] bytes) {
        if (bytes.length < encodedSize(0, 0) || bytes[0] != VERSION) {
            throw new CorruptEntryException("summary of camera " + cameraId + " has "
                    + (bytes.length == 0 ? "no bytes" : "version " + (bytes[0] & 0xff) + " and " + bytes.length
                    + " bytes") + "; this build reads version " + VERSION);
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        if (ByteBuffer.wrap(bytes, bytes.length - 4, 4).getInt() != (int) crc.getValue()) {
            throw new CorruptEntryException("summary of camera " + cameraId + " fails its CRC-32C check");
        }
        try {
            ByteBuffer b = ByteBuffer.wrap(bytes, 1, bytes.length - 5);
            long latest = b.getLong();
            long f1 = b.getLong();
            long f2 = b.getLong();
            long expiry = b.getLong();
            long span = b.getLong();
            int[] n = new int[MemoryEntry.MAX_TIER + 1];
            long[] sizes = new long[MemoryEntry.MAX_TIER + 1];
            for (int t = 0; t <= MemoryEntry.MAX_TIER; t++) {
                n[t] = b.getInt();
                sizes[t] = b.getLong();
            }
            long stateBytes = b.getLong();
            byte[] model = new byte[b.getShort() & 0xffff];
            b.get(model);
            long count = b.getLong();
            float[] sum = new float[b.getInt()];
            for (int i = 0; i < sum.length; i++) {
                sum[i] = b.getFloat();
            }
            return new CameraSummary(latest, f1, f2, expiry, span, n, sizes, stateBytes,
                    new String(model, StandardCharsets.UTF_8), count, sum);
        } catch (BufferUnderflowException | NegativeArraySizeException e) {
            throw new CorruptEntryException("summary of camera " + cameraId + " is truncated");
        }
    }
}
