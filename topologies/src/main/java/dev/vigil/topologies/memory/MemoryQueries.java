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
 * The query side of TokenMemory for the API: asks this instance's partitions through interactive queries
 * (IQv2), and says which instance owns a camera when it is another one, so the API can forward the request
 * there ({@code application.server} must be each instance's API address). It speaks no HTTP itself.
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

    /** Answers a one-camera query from the local partition that owns the camera. */
    public <R> R askLocal(String cameraId, MemoryQuery<R> query) {
        KeyQueryMetadata owner = streams.queryMetadataForKey(TokenMemoryTopology.STORE, cameraId, new StringSerializer());
        if (owner == null || owner.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            throw new MemoryUnavailableException("TokenMemory is not available yet (instance starting or rebalancing)");
        }
        StateQueryResult<R> result = streams.query(StateQueryRequest.inStore(TokenMemoryTopology.STORE)
                .withQuery(query).withPartitions(Set.of(owner.partition())));
        return answer(result.getPartitionResults().get(owner.partition()), query);
    }

    /** The best matches over every camera in this instance's partitions. */
    public List<ScoredEntry> similarLocal(SimilarityQuery query) {
        StateQueryResult<List<ScoredEntry>> result = streams.query(StateQueryRequest.inStore(TokenMemoryTopology.STORE).withQuery(query));
        List<List<ScoredEntry>> parts = new ArrayList<>();
        result.getPartitionResults().values().forEach(r -> parts.add(answer(r, query)));
        return query.combine(parts);
    }

    private static <R> R answer(QueryResult<R> result, MemoryQuery<R> query) {
        if (result == null) {
            throw new MemoryUnavailableException("no partition of TokenMemory answered " + query.getClass().getSimpleName()
                    + " (instance starting or rebalancing)");
        }
        if (result.isFailure()) {
            if (result.getFailureReason() == FailureReason.NOT_ACTIVE || result.getFailureReason() == FailureReason.NOT_UP_TO_BOUND) {
                throw new MemoryUnavailableException("TokenMemory partition is not ready: " + result.getFailureMessage());
            }
            throw new IllegalStateException("TokenMemory query failed: " + result.getFailureReason() + " " + result.getFailureMessage());
        }
        return result.getResult();
    }
}
