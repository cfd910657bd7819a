package dev.vigil.state;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Builds a {@link TokenMemoryStore} over Kafka Streams' own persistent key-value store (RocksDB), with a
 * changelog topic by default, so a task moved to another instance restores its cameras' memory.
 *
 * <pre>{@code
 * topology.addStateStore(new TokenMemoryStoreBuilder("token-memory", TokenMemoryConfig.defaults()), "memory-writer");
 * }</pre>
 *
 * <p>The changelog is compacted (Kafka Streams' default for key-value stores) with {@code max.message.bytes}
 * raised to 8 MiB, because one entry of a large model can exceed the broker's 1 MiB default; the application
 * must raise {@code producer.max.request.size} to match when its entries can exceed 1 MiB.
 */
public final class TokenMemoryStoreBuilder implements StoreBuilder<TokenMemoryStore> {
    /** The store name vigil's topologies and query API use. */
    public static final String DEFAULT_NAME = "token-memory";
    private static final Map<String, String> CHANGELOG_DEFAULTS = Map.of("max.message.bytes", Integer.toString(8 << 20));

    private final KeyValueBytesStoreSupplier bytes;
    private final TokenMemoryConfig config;
    private boolean logging = true;
    private Map<String, String> logConfig = CHANGELOG_DEFAULTS;
    private boolean caching = false;

    /** A TokenMemory on RocksDB ({@link Stores#persistentKeyValueStore}). */
    public TokenMemoryStoreBuilder(String name, TokenMemoryConfig config) {
        this(Stores.persistentKeyValueStore(Objects.requireNonNull(name, "name")), config);
    }

    /**
     * A TokenMemory over another key-value bytes store, such as {@link Stores#inMemoryKeyValueStore} for
     * tests that drive hours of event time through {@code TopologyTestDriver}, which commits (and so flushes
     * RocksDB to a new file) after every record. The store's name is the supplier's.
     */
    public TokenMemoryStoreBuilder(KeyValueBytesStoreSupplier bytes, TokenMemoryConfig config) {
        this.bytes = Objects.requireNonNull(bytes, "bytes");
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * Puts Kafka Streams' record cache between this store and RocksDB (off by default: every put rewrites the
     * camera summary, which a cache would coalesce, but the default path is the one the tests exercise).
     */
    @Override
    public StoreBuilder<TokenMemoryStore> withCachingEnabled() {
        caching = true;
        return this;
    }

    @Override
    public StoreBuilder<TokenMemoryStore> withCachingDisabled() {
        caching = false;
        return this;
    }

    /** Enables the changelog with these topic configs on top of the defaults. */
    @Override
    public StoreBuilder<TokenMemoryStore> withLoggingEnabled(Map<String, String> config) {
        Map<String, String> merged = new HashMap<>(CHANGELOG_DEFAULTS);
        merged.putAll(config);
        logging = true;
        logConfig = Map.copyOf(merged);
        return this;
    }

    /** No changelog: the memory is lost with the instance's disk. For tests and throw-away runs only. */
    @Override
    public StoreBuilder<TokenMemoryStore> withLoggingDisabled() {
        logging = false;
        logConfig = Map.of();
        return this;
    }

    @Override
    public TokenMemoryStore build() {
        StoreBuilder<KeyValueStore<Bytes, byte[]>> inner = Stores.keyValueStoreBuilder(
                bytes, Serdes.Bytes(), Serdes.ByteArray());
        inner = logging ? inner.withLoggingEnabled(logConfig) : inner.withLoggingDisabled();
        inner = caching ? inner.withCachingEnabled() : inner.withCachingDisabled();
        return new TokenMemoryStore(bytes.name(), config, inner.build());
    }

    @Override
    public Map<String, String> logConfig() {
        return logConfig;
    }

    @Override
    public boolean loggingEnabled() {
        return logging;
    }

    @Override
    public String name() {
        return bytes.name();
    }
}
