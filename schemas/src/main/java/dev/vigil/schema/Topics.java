package dev.vigil.schema;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * The one owner of vigil's topic names, partition counts and configs.
 *
 * <p>{@link #ensure} is idempotent: it creates what is missing, brings configs of existing topics to the
 * spec, and refuses to run on a cluster whose partition counts would break per-camera co-partitioning of
 * {@code vigil.clips} and {@code vigil.temporal-state} (a worker restores a camera's state from the
 * partition with the same number as the clips it owns).
 */
public final class Topics {
    public static final String FRAMES = "vigil.frames";
    public static final String CLIPS = "vigil.clips";
    public static final String CLIP_TOKENS = "vigil.clip-tokens";
    public static final String TEMPORAL_STATE = "vigil.temporal-state";
    public static final String CAMERAS = "vigil.cameras";
    public static final String DLQ = "vigil.dlq";
    public static final String ALERTS = "vigil.alerts";
    public static final String WATCHES = "vigil.watches";
    public static final String API_KEYS = "vigil.api-keys";

    private static final long HOUR_MS = 3_600_000L;
    private static final int MIB = 1 << 20;

    private final Map<String, TopicSpec> specs;
    private final List<String> order;
    private final short replicationFactor;

    /**
     * @param dataPartitions    partitions of the per-camera data topics (frames, clips, clip tokens, temporal state);
     *                          the upper bound on how many workers or topology instances share the load
     * @param replicationFactor 1 on a single broker, 3 in production
     */
    public Topics(int dataPartitions, short replicationFactor) {
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("replication factor must be >= 1, got " + replicationFactor);
        }
        this.replicationFactor = replicationFactor;
        Map<String, TopicSpec> all = new LinkedHashMap<>();
        // Frames are raw input: kept a day so a late topology instance can still cut them into clips.
        add(all, FRAMES, dataPartitions, delete(24 * HOUR_MS, 2 * MIB));
        add(all, CLIPS, dataPartitions, delete(24 * HOUR_MS, 8 * MIB));
        // Clip tokens feed TokenMemory, which has its own changelog; two days lets a rebuilt store catch up.
        add(all, CLIP_TOKENS, dataPartitions, delete(48 * HOUR_MS, 4 * MIB));
        add(all, TEMPORAL_STATE, dataPartitions, compact(8 * MIB));
        add(all, CAMERAS, dataPartitions, compact(MIB));
        // Dead letters carry the original bytes, so they may be as large as the largest input.
        add(all, DLQ, 1, delete(7 * 24 * HOUR_MS, 16 * MIB));
        add(all, ALERTS, 1, delete(7 * 24 * HOUR_MS, MIB));
        // Standing questions: a handful of small JSON records, read whole by every instance.
        add(all, WATCHES, 1, compact(MIB));
        // API keys (SHA-256 hashes only), read whole by every API instance, so a key works on each of them and a
        // revocation reaches each of them without a restart.
        add(all, API_KEYS, 1, compact(MIB));
        this.specs = Map.copyOf(all);
        this.order = List.copyOf(all.keySet());
    }

    /** The layout of a one-broker development cluster, as {@code vigil up} uses it. */
    public static Topics singleBroker() {
        return new Topics(6, (short) 1);
    }

    /** All topic specs, in a stable order. */
    public List<TopicSpec> all() {
        return order.stream().map(specs::get).toList();
    }

    /** The spec of one vigil topic. */
    public TopicSpec spec(String name) {
        TopicSpec spec = specs.get(name);
        if (spec == null) {
            throw new IllegalArgumentException("not a vigil topic: " + name + " (known: " + order + ")");
        }
        return spec;
    }

    /**
     * Creates missing topics and sets the configs of all of them to the spec.
     *
     * @return the names of the topics that were created by this call
     * @throws IllegalStateException if existing topics have partition counts that break co-partitioning
     */
    public List<String> ensure(Admin admin, Duration timeout) {
        try {
            Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (TopicSpec spec : all()) {
                if (!existing.contains(spec.name())) {
                    missing.add(new NewTopic(spec.name(), spec.partitions(), replicationFactor).configs(spec.configs()));
                }
            }
            List<String> created = new ArrayList<>();
            if (!missing.isEmpty()) {
                var results = admin.createTopics(missing).values();
                for (var entry : results.entrySet()) {
                    try {
                        entry.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                        created.add(entry.getKey());
                    } catch (ExecutionException e) {
                        if (!(e.getCause() instanceof TopicExistsException)) {
                            throw e; // another instance creating it at the same time is fine; anything else is not
                        }
                    }
                }
            }
            checkCoPartitioning(admin, timeout);
            alignConfigs(admin, timeout);
            return created;
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not create vigil topics: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within " + timeout + " while creating vigil topics", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating vigil topics", e);
        }
    }

    private void checkCoPartitioning(Admin admin, Duration timeout)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<String, TopicDescription> described = admin.describeTopics(List.of(CLIPS, TEMPORAL_STATE))
                .allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        int clips = described.get(CLIPS).partitions().size();
        int states = described.get(TEMPORAL_STATE).partitions().size();
        if (clips != states) {
            throw new IllegalStateException(CLIPS + " has " + clips + " partitions but " + TEMPORAL_STATE + " has "
                    + states + "; they must match so each worker finds a camera's state where it finds its clips."
                    + " Recreate " + TEMPORAL_STATE + " with " + clips + " partitions.");
        }
    }

    private void alignConfigs(Admin admin, Duration timeout)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<ConfigResource, java.util.Collection<AlterConfigOp>> ops = new HashMap<>();
        for (TopicSpec spec : all()) {
            ops.put(new ConfigResource(ConfigResource.Type.TOPIC, spec.name()), spec.configs().entrySet().stream()
                    .map(e -> new AlterConfigOp(new ConfigEntry(e.getKey(), e.getValue()), AlterConfigOp.OpType.SET))
                    .collect(Collectors.toList()));
        }
        admin.incrementalAlterConfigs(ops).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void add(Map<String, TopicSpec> all, String name, int partitions, Map<String, String> configs) {
        all.put(name, new TopicSpec(name, partitions, configs));
    }

    /**
     * A delete-policy topic. Its records may be stamped at most an hour ahead of the broker's clock (Kafka 4's
     * default, stated so the clip windows can keep their own future bound below it; see {@link TopicSpec#timestampAfterMaxMs}).
     */
    private static Map<String, String> delete(long retentionMs, int maxMessageBytes) {
        return Map.of("cleanup.policy", "delete",
                "retention.ms", Long.toString(retentionMs),
                "max.message.bytes", Integer.toString(maxMessageBytes),
                TopicSpec.TIMESTAMP_AFTER_MAX, Long.toString(HOUR_MS));
    }

    private static Map<String, String> compact(int maxMessageBytes) {
        return Map.of("cleanup.policy", "compact",
                "min.compaction.lag.ms", "0",
                "max.message.bytes", Integer.toString(maxMessageBytes));
    }
}
