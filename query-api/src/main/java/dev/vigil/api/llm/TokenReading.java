package dev.vigil.api.llm;

/**
 * What an {@link Llm} that reads stored visual tokens takes of them per question (the built-in answer model; an
 * OpenAI-compatible LLM reads keyframes instead and takes none). The API gives it the {@code maxEvents} matching
 * events of highest probability (ties: the later event first), in time order, and for each its peak moment's
 * first {@code maxTokensPerEvent} merged tokens and first {@code maxFramesPerEvent} frame embeddings.
 *
 * @param maxEvents         the most events it is given
 * @param maxTokensPerEvent merged tokens of an event's peak moment it reads (the first ones)
 * @param maxFramesPerEvent frame embeddings of an event's peak moment it reads (the first ones)
 */
public record TokenReading(int maxEvents, int maxTokensPerEvent, int maxFramesPerEvent) {
    public TokenReading {
        if (maxEvents < 1 || maxTokensPerEvent < 0 || maxFramesPerEvent < 0) {
            throw new IllegalArgumentException("a token reader takes at least one event and no negative counts, got "
                    + maxEvents + " events, " + maxTokensPerEvent + " tokens, " + maxFramesPerEvent + " frames");
        }
    }
}
