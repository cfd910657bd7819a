package dev.vigil.state;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How TokenMemory ages a camera's clips: tier boundaries, consolidation buckets and budgets, retention, and
 * the per-clip limits that make the memory bound a guarantee.
 *
 * <p>Ages are measured from the camera's latest event time, never from the wall clock, so a replay or a
 * faster-than-real-time test ages clips exactly like a live camera. A clip whose start lies in a tier-1
 * bucket {@code [b, b + tier1Bucket)} is consolidated once the whole bucket is older than {@code tier1Age};
 * tier-1 entries of a tier-2 bucket likewise after {@code tier2Age}; entries ending before
 * {@code latest - retention} are deleted.
 *
 * <p>There is no merge setting here: consolidation merges on the metric the encoder used, which every entry
 * carries from its bundle ({@link MemoryEntry#mergeMetricChunk()}).
 *
 * @param tier1Age            raw clips older than this are consolidated into tier 1
 * @param tier2Age            tier-1 entries older than this are consolidated into tier 2
 * @param tier1Bucket         event-time width of one tier-1 entry (epoch-aligned)
 * @param tier2Bucket         event-time width of one tier-2 entry; a whole multiple of {@code tier1Bucket}
 * @param tier1Tokens         tokens kept per tier-1 entry
 * @param tier2Tokens         tokens kept per tier-2 entry
 * @param maxPooledEmbeddings pooled frame embeddings kept per consolidated entry (frames merged by similarity)
 * @param retention           entries older than this are deleted
 * @param retentionByCamera   per-camera retention overrides
 * @param maxTokensPerClip    a raw clip with more tokens is rejected
 * @param maxFramesPerClip    a raw clip with more frame embeddings is rejected
 * @param maxKeyframeBytes    a raw clip with a larger keyframe JPEG is rejected
 */
public record TokenMemoryConfig(
        Duration tier1Age,
        Duration tier2Age,
        Duration tier1Bucket,
        Duration tier2Bucket,
        int tier1Tokens,
        int tier2Tokens,
        int maxPooledEmbeddings,
        Duration retention,
        Map<String, Duration> retentionByCamera,
        int maxTokensPerClip,
        int maxFramesPerClip,
        int maxKeyframeBytes) {

    public TokenMemoryConfig {
        Objects.requireNonNull(tier1Age, "tier1Age");
        Objects.requireNonNull(tier2Age, "tier2Age");
        Objects.requireNonNull(retention, "retention");
        retentionByCamera = Map.copyOf(retentionByCamera);
        positive(tier1Age, "tier1Age");
        positive(tier1Bucket, "tier1Bucket");
        positive(tier2Bucket, "tier2Bucket");
        positive(retention, "retention");
        retentionByCamera.forEach((camera, d) -> positive(d, "retention of camera " + camera));
        if (tier2Age.compareTo(tier1Age) <= 0) {
            throw new IllegalArgumentException("tier2Age " + tier2Age + " must be longer than tier1Age " + tier1Age);
        }
        if (tier2Bucket.toMillis() % tier1Bucket.toMillis() != 0) {
            throw new IllegalArgumentException("tier2Bucket " + tier2Bucket + " must be a whole multiple of tier1Bucket "
                    + tier1Bucket + " so tier-2 buckets never split a tier-1 entry");
        }
        if (tier1Tokens < 1 || tier2Tokens < 1 || maxPooledEmbeddings < 1) {
            throw new IllegalArgumentException("token budgets and pooled embeddings must be >= 1");
        }
        if (maxTokensPerClip < 1 || maxFramesPerClip < 1 || maxKeyframeBytes < 0) {
            throw new IllegalArgumentException("per-clip limits must be positive");
        }
    }

    /**
     * The defaults (see {@code docs/token-memory.md}): raw clips for 10 min; then 8 s buckets of 64 tokens
     * (4 clips of 2 s at 2 fps, 4 frames per clip: 4 × 64 → 64 tokens) until 2 h; then 96 s buckets of 64
     * tokens (12 tier-1 entries → 64 tokens) until the 24 h retention. 96 s rather than 64 s keeps a camera-day of
     * the built-in model (width 192) under 64 MiB.
     */
    public static TokenMemoryConfig defaults() {
        return new TokenMemoryConfig(Duration.ofMinutes(10), Duration.ofHours(2),
                Duration.ofSeconds(8), Duration.ofSeconds(96), 64, 64, 4,
                Duration.ofHours(24), Map.of(), 1024, 64, 64 * 1024);
    }

    /** The same config with another retention for one camera. */
    public TokenMemoryConfig withRetention(String cameraId, Duration cameraRetention) {
        Map<String, Duration> overrides = new HashMap<>(retentionByCamera);
        overrides.put(cameraId, cameraRetention);
        return new TokenMemoryConfig(tier1Age, tier2Age, tier1Bucket, tier2Bucket, tier1Tokens, tier2Tokens,
                maxPooledEmbeddings, retention, overrides, maxTokensPerClip, maxFramesPerClip,
                maxKeyframeBytes);
    }

    /** The same config with other tier ages. */
    public TokenMemoryConfig withTierAges(Duration tier1, Duration tier2) {
        return new TokenMemoryConfig(tier1, tier2, tier1Bucket, tier2Bucket, tier1Tokens, tier2Tokens,
                maxPooledEmbeddings, retention, retentionByCamera, maxTokensPerClip, maxFramesPerClip,
                maxKeyframeBytes);
    }

    /** The retention of one camera: its override, or the default. */
    public Duration retentionFor(String cameraId) {
        return retentionByCamera.getOrDefault(cameraId, retention);
    }

    /** Tokens kept per entry of a consolidated tier. */
    public int tokensFor(int tier) {
        return switch (tier) {
            case 1 -> tier1Tokens;
            case 2 -> tier2Tokens;
            default -> throw new IllegalArgumentException("only tiers 1 and 2 are consolidated, got " + tier);
        };
    }

    /** Bucket width of a consolidated tier, in millis. */
    public long bucketMillis(int tier) {
        return switch (tier) {
            case 1 -> tier1Bucket.toMillis();
            case 2 -> tier2Bucket.toMillis();
            default -> throw new IllegalArgumentException("only tiers 1 and 2 have buckets, got " + tier);
        };
    }

    /** Age at which entries move into a consolidated tier, in millis. */
    public long ageMillis(int tier) {
        return switch (tier) {
            case 1 -> tier1Age.toMillis();
            case 2 -> tier2Age.toMillis();
            default -> throw new IllegalArgumentException("only tiers 1 and 2 have an age, got " + tier);
        };
    }

    private static void positive(Duration d, String what) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be a positive duration, got " + d);
        }
    }
}
