package dev.vigil.topologies.memory;

import dev.vigil.state.query.MemoryQuery;
import dev.vigil.state.query.SimilarityQuery;
import dev.vigil.state.ScoredEntry;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.query.FailureReason;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.apache.kafka.streams.query.StateQueryResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * TokenMemory as one instance of the {@code vigil-memory} Streams application sees it: answers
 * {@link MemoryQuery} records from <em>this instance's</em> partitions through interactive queries (IQv2), and
 * names the instance that owns a camera when it is another one ({@code application.server} must be each
 * instance's API address), so the query API can forward the query there. It speaks no HTTP and never answers
 * for another instance's partitions; the API's {@code MemoryView} puts the instances together.
 */
public final class MemoryQueries {
    private final KafkaStreams streams;
    private final HostInfo self;

    public MemoryQueries(KafkaStreams streams, HostInfo self) {
        this.streams = streams;
        this.self = self;
    }

    /** The instance that owns the camera, if it is not this one; empty when this instance answers for it. */
    public Optional<HostInfo> remoteOwner(String cameraId) {
        KeyQueryMetadata owner = streams.queryMetadataForKey(TokenMemoryTopology.STORE, cameraId, new StringSerializer());
        if (owner == null || owner.equals(KeyQueryMetadata.NOT_AVAILABLE) || owner.activeHost().equals(self)) {
            return Optional.empty();
        }
        return Optional.of(owner.activeHost());
    }

    /** The other instances hosting TokenMemory partitions, for questions over every camera. */
    public List<HostInfo> otherInstances() {
        List<HostInfo> hosts = new ArrayList<>();
        for (StreamsMetadata m : streams.metadataForAllStreamsClients()) {
            if (m.stateStoreNames().contains(TokenMemoryTopology.STORE) && !m.hostInfo().equals(self)) {
                hosts.add(m.hostInfo());
            }
        }
        return hosts;
    }

    /**
     * Answers a one-camera query from the partition that owns the camera, which must be on this instance (see
     * {@link #remoteOwner}); a partition that is not active here fails with {@link MemoryUnavailableException}.
     */
    public <R> R askLocal(String cameraId, MemoryQuery<R> query) {
        KeyQueryMetadata owner = streams.queryMetadataForKey(TokenMemoryTopology.STORE, cameraId, new StringSerializer());
        if (owner == null || owner.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            throw new MemoryUnavailableException("TokenMemory is not available yet (instance starting or rebalancing)");
        }
        // requireActive: a standby copy of the partition (num.standby.replicas) may lag; only the owner answers.
        StateQueryResult<R> result = streams.query(StateQueryRequest.inStore(TokenMemoryTopology.STORE)
                .withQuery(query).withPartitions(Set.of(owner.partition())).requireActive());
        return answer(result.getPartitionResults().get(owner.partition()), query);
    }

    /**
     * The best matches in all of this instance's active partitions (over every camera for
     * {@link SimilarityQuery#allCameras}): each partition's top k, merged by {@link TopK}.
     */
    public List<ScoredEntry> similarLocal(SimilarityQuery query) {
        StateQueryResult<List<ScoredEntry>> result = streams.query(StateQueryRequest.inStore(TokenMemoryTopology.STORE)
                .withQuery(query).requireActive());
        List<List<ScoredEntry>> parts = new ArrayList<>();
        result.getPartitionResults().values().stream()
                // a standby copy here is answered by its active owner, which the caller asks too
                .filter(r -> !(r.isFailure() && r.getFailureReason() == FailureReason.NOT_ACTIVE))
                .forEach(r -> parts.add(answer(r, query)));
        return TopK.merge(parts, query.k(), ScoredEntry::score, e -> e.entry().cameraId(), e -> e.entry().start());
    }

    private static <R> R answer(QueryResult<R> result, MemoryQuery<R> query) {
        if (result == null) {
            throw new MemoryUnavailableException("no partition of TokenMemory answered " + query.getClass().getSimpleName()
                    + " (instance starting or rebalancing)");
        }
        if (result.isFailure()) {
            // NOT_PRESENT: the partition is moving to or from this instance (a rebalance); ask again, as for the others
            if (result.getFailureReason() == FailureReason.NOT_ACTIVE || result.getFailureReason() == FailureReason.NOT_UP_TO_BOUND
                    || result.getFailureReason() == FailureReason.NOT_PRESENT) {
                throw new MemoryUnavailableException("TokenMemory partition is not ready: " + result.getFailureMessage());
            }
            throw new IllegalStateException("TokenMemory query failed: " + result.getFailureReason() + " " + result.getFailureMessage());
        }
        return result.getResult();
    }
}
