package dev.vigil.models.siglip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.vigil.models.text.TextEmbedder;

import java.util.Arrays;
import java.util.List;

/**
 * Text queries to embeddings: tokenise, truncate and pad to {@code max_position_embeddings} with the pad id
 * (what SigLIP's processor does with {@code padding="max_length"}), then run the text tower.
 *
 * <p>SigLIP was trained on texts padded this way and its text tower has no attention mask, so padding to the
 * full length is not optional: a shorter input gives a different embedding.
 */
public final class SiglipTextEncoder implements TextEmbedder {

    private final TextTokenizer tokenizer;
    private final SiglipTextTower tower;
    private final long padId;

    public SiglipTextEncoder(TextTokenizer tokenizer, SiglipTextTower tower, long padId) {
        this.tokenizer = tokenizer;
        this.tower = tower;
        this.padId = padId;
    }

    /** The tower, e.g. for its output width. */
    public SiglipTextTower tower() {
        return tower;
    }

    /** Token ids of each text, padded to the tower's fixed length. */
    public long[][] tokenize(List<String> texts) {
        int length = tower.config().maxPositions();
        long[][] ids = new long[texts.size()][];
        for (int i = 0; i < ids.length; i++) {
            long[] raw = tokenizer.encode(texts.get(i), length);
            long[] row = Arrays.copyOf(raw, length);
            Arrays.fill(row, Math.min(raw.length, length), length, padId);
            ids[i] = row;
        }
        return ids;
    }

    /** {@code [texts, projectionSize]} fp32 embeddings, owned by {@code out}. */
    @Override
    public NDArray embed(List<String> texts, NDManager out) {
        return tower.embedTokenIds(tokenize(texts), out);
    }

    /** Frees the tokenizer and the tower. */
    @Override
    public void close() {
        tokenizer.close();
        tower.close();
    }
}
