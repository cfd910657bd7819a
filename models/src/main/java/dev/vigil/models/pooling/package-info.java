/**
 * STORM temporal and spatial average pooling and test-time temporal sampling, and LongVLM global
 * semantics as a per-stream running mean.
 */
package dev.vigil.models.pooling;
