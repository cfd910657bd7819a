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
}
