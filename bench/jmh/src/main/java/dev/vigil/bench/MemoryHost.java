package dev.vigil.bench;

import dev.vigil.state.TokenMemoryConfig;
import dev.vigil.state.TokenMemoryStore;
import dev.vigil.state.TokenMemoryStoreBuilder;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.Stores;

import java.nio.file.Path;
import java.util.Properties;

/**
 * Hosts a real {@link TokenMemoryStore} — over Kafka Streams' in-memory store or RocksDB, changelog off — in a
 * {@link TopologyTestDriver}, so a benchmark can call the store directly, the way the memory writer and the
 * interactive queries do, without a broker. The topology exists only to own the store.
 */
final class MemoryHost implements AutoCloseable {
    static final String STORE = TokenMemoryStoreBuilder.DEFAULT_NAME;

    private final TopologyTestDriver driver;
    private final TokenMemoryStore store;

    /**
     * @param rocksDb  RocksDB ({@code Stores.persistentKeyValueStore}, what vigil runs) or the in-memory store
     * @param stateDir where RocksDB keeps its files
     */
    MemoryHost(boolean rocksDb, TokenMemoryConfig config, Path stateDir) {
        TokenMemoryStoreBuilder builder = rocksDb ? new TokenMemoryStoreBuilder(STORE, config)
                : new TokenMemoryStoreBuilder(Stores.inMemoryKeyValueStore(STORE), config);
        Topology topology = new Topology();
        topology.addSource("in", new ByteArrayDeserializer(), new ByteArrayDeserializer(), "bench.unused");
        topology.addProcessor("memory-owner", StoreOwner::new, "in");
        topology.addStateStore(builder.withLoggingDisabled(), "memory-owner");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "vigil-bench-memory");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(topology, props);
        store = (TokenMemoryStore) driver.getStateStore(STORE);
    }

    TokenMemoryStore store() {
        return store;
    }

    @Override
    public void close() {
        driver.close();
    }

    /** Owns the store in the topology; receives nothing. */
    private static final class StoreOwner implements Processor<byte[], byte[], Void, Void> {
        @Override
        public void process(Record<byte[], byte[]> record) {
            // no input is ever piped: the benchmark calls the store directly
        }
    }
}
