/**
 * How TokenMemory works, not API: the key layout ({@link dev.vigil.state.internals.MemoryKey}) and value
 * formats of the changelog ({@link dev.vigil.state.internals.EntryCodec},
 * {@link dev.vigil.state.internals.CameraSummary}), the write path with tiers and retention
 * ({@link dev.vigil.state.internals.Tiering}, {@link dev.vigil.state.internals.Consolidation}), the max-sim
 * search ({@link dev.vigil.state.internals.SimilarityScan}) and the typed access to the key-value store under
 * it all ({@link dev.vigil.state.internals.MemoryRecords}). Public only where
 * {@link dev.vigil.state.TokenMemoryStore} or {@link dev.vigil.state.MemoryBound} needs it; may change freely.
 */
package dev.vigil.state.internals;
