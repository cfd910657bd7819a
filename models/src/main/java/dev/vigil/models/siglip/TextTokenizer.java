package dev.vigil.models.siglip;

/** Turns text into token ids, special tokens included, at most a given length. */
public interface TextTokenizer extends AutoCloseable {

    /**
     * Token ids of {@code text}, with the tokenizer's special tokens (SigLIP: a trailing {@code </s>}), truncated
     * to at most {@code maxLength} ids the way Hugging Face truncates (special tokens kept).
     */
    long[] encode(String text, int maxLength);

    /** The id of a token string, if the vocabulary has it (used to resolve the pad token). */
    java.util.OptionalLong idOf(String token);

    /** Frees native resources. */
    @Override
    void close();
}
