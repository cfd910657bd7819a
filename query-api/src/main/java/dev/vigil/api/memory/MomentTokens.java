package dev.vigil.api.memory;

import dev.vigil.state.MemoryEntry;
import dev.vigil.state.TokenBlock;

import java.util.Arrays;
import java.util.Objects;

/**
 * The stored tokens of one moment, cut to what a reader of tokens takes (the built-in answer model: the first
 * 64 merged tokens and the first 4 frame embeddings of an event's peak moment). They stay fp16, as stored, so a
 * forwarded answer is half the bytes; {@link TokenBlock} serialises its bytes as base64, so the JSON between
 * instances stays compact too.
 *
 * @param modelId         the model bundle that produced the tokens (tokens of another bundle do not compare)
 * @param tokens          the first merged tokens of the entry, in their stored order, fp16
 * @param frameEmbeddings the first pooled frame embeddings of the entry, in time order, fp16
 */
public record MomentTokens(String modelId, TokenBlock tokens, TokenBlock frameEmbeddings) {
    public MomentTokens {
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(frameEmbeddings, "frameEmbeddings");
    }

    /** The entry's first {@code maxTokens} tokens and first {@code maxFrames} frame embeddings. */
    public static MomentTokens of(MemoryEntry entry, int maxTokens, int maxFrames) {
        return new MomentTokens(entry.modelId(), head(entry.tokens(), maxTokens), head(entry.frameEmbeddings(), maxFrames));
    }

    private static TokenBlock head(TokenBlock block, int rows) {
        if (rows < 0) {
            throw new IllegalArgumentException("rows must be >= 0, got " + rows);
        }
        if (block.count() <= rows) {
            return block;
        }
        return new TokenBlock(rows, block.dim(), Arrays.copyOf(block.fp16(), rows * block.dim() * 2));
    }
}
