package dev.vigil.state;

import dev.vigil.state.internals.CameraSummary;
import dev.vigil.state.internals.EntryCodec;
import dev.vigil.state.internals.MemoryKey;

/**
 * The most bytes one camera's memory can hold right after {@link TokenMemoryStore#maintain}, whatever the
 * stream's length: raw clips live at most {@code tier1Age + tier1Bucket}, tier-1 entries (one per bucket)
 * at most until {@code tier2Age + tier2Bucket}, tier-2 entries (one per bucket) until the retention. Sizes
 * come from {@link EntryCodec#encodedSize}, so the bound and the format cannot drift apart; camera and model
 * ids are taken at their maximum length, and every clip is taken to carry its clip embedding (a bundle without a
 * temporal readout stores less). Counted: keys and values (what {@code approximateBytes} reports),
 * not RocksDB's own overhead. Assumes one model per bucket: a model switch adds at most one entry per tier.
 *
 * @param rawEntries       most raw entries
 * @param rawEntryBytes    key + value bytes of one raw entry
 * @param tier1Entries     most tier-1 entries
 * @param tier1EntryBytes  key + value bytes of one tier-1 entry
 * @param tier2Entries     most tier-2 entries
 * @param tier2EntryBytes  key + value bytes of one tier-2 entry
 * @param fixedBytes       camera summary and temporal state
 */
public record MemoryBound(long rawEntries, long rawEntryBytes, long tier1Entries, long tier1EntryBytes,
                          long tier2Entries, long tier2EntryBytes, long fixedBytes) {

    /** The bound under the default retention. */
    public static long bytesPerCamera(TokenMemoryConfig config, int tokenDim, StreamShape shape) {
        return of(config, null, tokenDim, shape).total();
    }

    /** The bound of one camera (its retention override applies). */
    public static long bytesPerCamera(TokenMemoryConfig config, String cameraId, int tokenDim, StreamShape shape) {
        return of(config, cameraId, tokenDim, shape).total();
    }

    /** The bound with its parts; {@code cameraId == null} means the default retention. */
    public static MemoryBound of(TokenMemoryConfig config, String cameraId, int tokenDim, StreamShape shape) {
        long b1 = config.ageMillis(1);
        long b2 = config.ageMillis(2);
        long w1 = config.bucketMillis(1);
        long w2 = config.bucketMillis(2);
        long retention = (cameraId == null ? config.retention() : config.retentionFor(cameraId)).toMillis();
        long clip = shape.clipMillis();
        int key = MemoryKey.entryKeySize(MemoryKey.MAX_CAMERA_ID_BYTES);
        int model = TokenMemoryStore.MAX_MODEL_ID_BYTES;
        int keyframe = shape.keyframeBytes();
        boolean hasKeyframe = keyframe > 0;

        // raw: starts in [tier1 frontier, latest], and the frontier is > latest - tier1Age - tier1Bucket
        long raw = shape.clipsIn(b1 + w1);
        long rawBytes = key + EntryCodec.encodedSize(model, shape.tokensPerClip(), tokenDim, shape.framesPerClip(),
                tokenDim, MemoryEntry.MAX_CLIP_EMBEDDINGS_PER_CLIP, keyframe, hasKeyframe, 1);

        long clipsPerBucket1 = shape.clipsIn(w1 - 1);
        long clipsPerBucket2 = shape.clipsIn(w2 - 1);
        // tier 1: buckets starting in [tier2 frontier, tier1 frontier) ⊂ (latest - tier2Age - tier2Bucket, latest - tier1Age]
        long tier1 = ceilDiv(b2 + w2 - b1, w1) + 1;
        long tier1Bytes = key + EntryCodec.encodedSize(model,
                (int) Math.min(config.tier1Tokens(), clipsPerBucket1 * shape.tokensPerClip()), tokenDim,
                (int) Math.min(config.maxPooledEmbeddings(), clipsPerBucket1 * shape.framesPerClip()), tokenDim,
                (int) Math.min(config.maxPooledEmbeddings(), clipsPerBucket1 * MemoryEntry.MAX_CLIP_EMBEDDINGS_PER_CLIP),
                keyframe, hasKeyframe, (int) clipsPerBucket1);
        // tier 2: live entries end at or after latest - retention, and end at most a bucket and a clip after
        // they start; they start before the tier2 frontier <= latest - tier2Age
        long tier2 = retention <= b2 ? 0 : ceilDiv(retention - b2 + w2 + clip, w2) + 1;
        long tier2Bytes = key + EntryCodec.encodedSize(model,
                (int) Math.min(config.tier2Tokens(), clipsPerBucket2 * shape.tokensPerClip()), tokenDim,
                (int) Math.min(config.maxPooledEmbeddings(), clipsPerBucket2 * shape.framesPerClip()), tokenDim,
                (int) Math.min(config.maxPooledEmbeddings(), clipsPerBucket2 * MemoryEntry.MAX_CLIP_EMBEDDINGS_PER_CLIP),
                keyframe, hasKeyframe, (int) clipsPerBucket2);
        if (retention < b2) {
            // deletion overtakes tier 2 (a short per-camera retention): tier-1 entries live only until retention
            tier1 = Math.min(tier1, ceilDiv(Math.max(0, retention - b1) + w1 + clip, w1) + 1);
        }
        long fixed = 1 + MemoryKey.MAX_CAMERA_ID_BYTES + CameraSummary.encodedSize(model, tokenDim)
                + (shape.temporalStateBytes() == 0 ? 0 : 1 + MemoryKey.MAX_CAMERA_ID_BYTES + 1 + shape.temporalStateBytes());
        return new MemoryBound(raw, rawBytes, tier1, tier1Bytes, tier2, tier2Bytes, fixed);
    }

    /** The bound in bytes. */
    public long total() {
        return rawEntries * rawEntryBytes + tier1Entries * tier1EntryBytes + tier2Entries * tier2EntryBytes
                + fixedBytes;
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
