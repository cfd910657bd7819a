package dev.vigil.api.memory;

import dev.vigil.state.MemoryEntry;
import dev.vigil.state.TokenMemory;
import dev.vigil.state.query.MemoryQuery;

import java.util.Optional;

/**
 * The stored tokens of the entry that holds a clip (the raw clip, or the consolidated entry that covers it), cut
 * at the owner to the first {@code maxTokens} merged tokens and {@code maxFrames} frame embeddings, so only what
 * the reader takes travels between instances. Only the API reads tokens out of memory (for the built-in answer
 * model), so this query lives here, beside {@link KeyframeQuery}.
 *
 * @param cameraId  the camera
 * @param clipIndex the clip's index
 * @param start     the clip's (or its entry's) start, epoch millis
 * @param maxTokens the most merged tokens to return (the first ones)
 * @param maxFrames the most frame embeddings to return (the first ones)
 */
public record MomentTokensQuery(String cameraId, long clipIndex, long start, int maxTokens, int maxFrames)
        implements MemoryQuery<Optional<MomentTokens>> {

    public MomentTokensQuery {
        if (maxTokens < 0 || maxFrames < 0) {
            throw new IllegalArgumentException("maxTokens and maxFrames must be >= 0, got " + maxTokens + " and " + maxFrames);
        }
    }

    /** The query for a clip the API names by its id. */
    public static MomentTokensQuery of(String cameraId, ClipId clip, int maxTokens, int maxFrames) {
        return new MomentTokensQuery(cameraId, clip.clipIndex(), clip.start(), maxTokens, maxFrames);
    }

    @Override
    public Optional<MomentTokens> execute(TokenMemory memory) {
        for (MemoryEntry e : memory.range(cameraId, start, start)) {
            if (e.start() == start || e.coversClip(clipIndex)) {
                return Optional.of(MomentTokens.of(e, maxTokens, maxFrames));
            }
        }
        return Optional.empty();
    }
}
