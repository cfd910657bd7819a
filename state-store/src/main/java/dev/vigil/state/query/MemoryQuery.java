package dev.vigil.state.query;

import dev.vigil.state.TokenMemory;
import org.apache.kafka.streams.query.Query;

/**
 * An IQv2 query that TokenMemory answers. Each query knows how to run itself against the read-only
 * {@link TokenMemory} view, so the store's {@code query(...)} stays a single dispatch and adding a query type
 * never touches the store.
 *
 * <p>From the query API: {@code streams.query(StateQueryRequest.inStore(name).withQuery(q)
 * .withPartitions(Set.of(partition)))} where the partition comes from
 * {@code streams.queryMetadataForKey(name, cameraId, new StringSerializer())}; queries over all cameras go to
 * all partitions, and the partition results are merged into one top k (topologies' {@code TopK}).
 *
 * @param <R> the result, a plain record or list of records that the query API can serialise
 */
public interface MemoryQuery<R> extends Query<R> {

    /** Runs the query on one store (one partition's memory). */
    R execute(TokenMemory memory);
}
