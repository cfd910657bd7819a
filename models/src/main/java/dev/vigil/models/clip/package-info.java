/**
 * The clip encoder: a batch of clips from many cameras → merged visual tokens, frame embeddings and each
 * camera's carried state (Mamba state + global semantics, one versioned format). Entry point:
 * {@link dev.vigil.models.clip.ClipEncoder}.
 */
package dev.vigil.models.clip;
