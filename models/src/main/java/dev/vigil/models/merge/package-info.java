/**
 * ToMe bipartite soft matching with size-weighted averaging and source tracking, batched and
 * device-agnostic, with the LongVLM (fixed r list) and VideoChat-Flash (target halving) schedules.
 * Entry point: {@link dev.vigil.models.merge.TokenMerger}.
 */
package dev.vigil.models.merge;
