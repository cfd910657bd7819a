package dev.vigil.models.siglip;

import ai.djl.sentencepiece.SpProcessor;
import ai.djl.sentencepiece.SpTokenizer;
import dev.vigil.models.weights.WeightsException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * The tokenizer of the original SigLIP checkpoints: a SentencePiece model ({@code spiece.model}) run through DJL's
 * SentencePiece binding, with Hugging Face {@code SiglipTokenizer}'s text preparation: lower case, ASCII
 * punctuation removed, white space collapsed, then the pieces and a closing {@code </s>}.
 */
public final class SentencePieceTokenizer implements TextTokenizer {
    private static final Pattern PUNCTUATION = Pattern.compile("[!\"#$%&'()*+,\\-./:;<=>?@\\[\\\\\\]^_`{|}~]");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private final SpTokenizer tokenizer;
    private final SpProcessor processor;
    private final int eos;

    /** Loads {@code spiece.model}; a file SentencePiece cannot read is reported with its path. */
    public SentencePieceTokenizer(Path model) {
        try {
            this.tokenizer = new SpTokenizer(model);
        } catch (IOException | RuntimeException e) {
            throw new WeightsException(model + ": not a SentencePiece model this tokenizer can load: " + e.getMessage(), e);
        }
        this.processor = tokenizer.getProcessor();
        this.eos = processor.getId("</s>");
    }

    @Override
    public long[] encode(String text, int maxLength) {
        String prepared = SPACES.matcher(PUNCTUATION.matcher(text.toLowerCase(Locale.ROOT)).replaceAll("")).replaceAll(" ").strip();
        int[] pieces = prepared.isEmpty() ? new int[0] : processor.encode(prepared);
        int kept = Math.min(pieces.length, Math.max(0, maxLength - 1)); // truncation keeps the closing </s>
        long[] ids = new long[kept + 1];
        for (int i = 0; i < kept; i++) {
            ids[i] = pieces[i];
        }
        ids[kept] = eos;
        return ids;
    }

    @Override
    public OptionalLong idOf(String token) {
        int id = processor.getId(token);
        // SentencePiece answers the unknown id for pieces it lacks; only a real piece maps back to itself.
        return token.equals(processor.getToken(id)) ? OptionalLong.of(id) : OptionalLong.empty();
    }

    @Override
    public void close() {
        tokenizer.close();
    }

    @Override
    public String toString() {
        return "SentencePieceTokenizer[eos=" + eos + "]";
    }
}
