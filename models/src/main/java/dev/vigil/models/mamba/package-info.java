/**
 * Streaming Mamba-1 temporal encoder: HF {@code MambaModel}-compatible weights, per-stream carried state
 * (SSM state + conv window) so that chunked runs equal whole runs, batching across streams, and an
 * optional VideoMamba-style backward scan within each call. Entry point: {@link dev.vigil.models.mamba.MambaEncoder}.
 */
package dev.vigil.models.mamba;
