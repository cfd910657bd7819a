package dev.vigil.schema;

import java.util.Map;

/**
 * How one vigil topic is laid out on the cluster.
 *
 * @param name       the topic name
 * @param partitions partition count; topics joined by key (clips and temporal state) must agree
 * @param configs    topic-level configs (cleanup policy, retention, max message size)
 */
public record TopicSpec(String name, int partitions, Map<String, String> configs) {
    /** The broker refuses records stamped further than this ahead of its clock. */
    public static final String TIMESTAMP_AFTER_MAX = "message.timestamp.after.max.ms";
    /** Kafka 4's default for {@link #TIMESTAMP_AFTER_MAX}. */
    private static final long DEFAULT_TIMESTAMP_AFTER_MAX_MS = 3_600_000L;

    public TopicSpec {
        if (partitions < 1) {
            throw new IllegalArgumentException("topic " + name + ": partitions must be >= 1, got " + partitions);
        }
        configs = Map.copyOf(configs);
    }

    /** Whether the topic keeps only the latest record per key. */
    public boolean compacted() {
        return "compact".equals(configs.get("cleanup.policy"));
    }

    /** The largest record the broker accepts for this topic, in bytes. */
    public int maxMessageBytes() {
        return Integer.parseInt(configs.getOrDefault("max.message.bytes", "1048588"));
    }

    /** How far ahead of the broker's clock a record's timestamp may be, in milliseconds. */
    public long timestampAfterMaxMs() {
        String v = configs.get(TIMESTAMP_AFTER_MAX);
        return v == null ? DEFAULT_TIMESTAMP_AFTER_MAX_MS : Long.parseLong(v);
    }

    /** How long records are kept, in milliseconds; {@link Long#MAX_VALUE} for a topic that keeps them by key. */
    public long retentionMs() {
        String v = configs.get("retention.ms");
        return v == null ? Long.MAX_VALUE : Long.parseLong(v);
    }
}
