/**
 * STORM's test-time temporal sampling, frame mean pooling, and LongVLM global semantics as a per-stream running
 * mean. STORM's temporal and spatial average pooling are not used by the encoder (merging does the token
 * reduction); their reference forms live with the tests ({@code PoolingTest}).
 */
package dev.vigil.models.pooling;
