/**
 * TokenMemory's public face: the store ({@link dev.vigil.state.TokenMemoryStore}, built by
 * {@link dev.vigil.state.TokenMemoryStoreBuilder}, configured by {@link dev.vigil.state.TokenMemoryConfig}),
 * its read view {@link dev.vigil.state.TokenMemory}, the entries it returns, the memory bound, and the IQv2
 * query records in {@code dev.vigil.state.query}. Topologies, the query API and the benchmarks use only this.
 * How it is stored and aged lives in {@code dev.vigil.state.internals}.
 */
package dev.vigil.state;
