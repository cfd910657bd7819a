package dev.vigil.topologies.watch;

import dev.vigil.schema.TopicSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The topic of standing questions, {@code vigil.watches}: compacted (the latest definition per watch id, a
 * tombstone deletes it), one partition (a few hundred small records at most, read whole by every instance
 * into a global store).
 *
 * <p>It is created here rather than in {@code schemas/Topics} because the watch feature owns it and that
 * class belongs to the contracts module; {@link #ensure} follows the same rules (idempotent, explicit configs).
 * Alerts go to {@code vigil.alerts}, which {@code Topics} already owns.
 */
public final class WatchTopics {
    public static final String WATCHES = "vigil.watches";
    public static final TopicSpec SPEC = new TopicSpec(WATCHES, 1, Map.of(
            "cleanup.policy", "compact",
            "min.compaction.lag.ms", "0",
            "max.message.bytes", Integer.toString(1 << 20)));

    private WatchTopics() {
    }

    /**
     * Creates {@code vigil.watches} if it is missing and returns once the broker describes it: a Streams app
     * started right after would otherwise find no partitions for its global store and fail.
     */
    public static void ensure(Admin admin, short replicationFactor, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            try {
                admin.createTopics(List.of(new NewTopic(SPEC.name(), SPEC.partitions(), replicationFactor).configs(SPEC.configs())))
                        .all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("could not create " + WATCHES + ": " + e.getCause().getMessage(), e.getCause());
                }
            }
            while (true) {
                try {
                    admin.describeTopics(List.of(WATCHES)).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                    return;
                } catch (ExecutionException e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(WATCHES + " was created but the broker does not describe it: "
                                + e.getCause().getMessage(), e.getCause());
                    }
                    Thread.sleep(100);
                }
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within " + timeout + " while creating " + WATCHES, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating " + WATCHES, e);
        }
    }
}
