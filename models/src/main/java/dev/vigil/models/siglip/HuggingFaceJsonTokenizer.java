package dev.vigil.models.siglip;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@code tokenizer.json} (Hugging Face "fast" tokenizer) run by DJL's native tokenizers library, which ships
 * inside the Maven jar, so nothing is downloaded.
 *
 * <p>One native tokenizer is kept per maximum length, because DJL fixes truncation when a tokenizer is built.
 */
public final class HuggingFaceJsonTokenizer implements TextTokenizer {

    private final Path file;
    private final Map<Integer, HuggingFaceTokenizer> byMaxLength = new ConcurrentHashMap<>();

    public HuggingFaceJsonTokenizer(Path tokenizerJson) {
        this.file = tokenizerJson;
        // fail now, at load, if the file is unusable
        tokenizer(8);
    }

    private HuggingFaceTokenizer tokenizer(int maxLength) {
        return byMaxLength.computeIfAbsent(maxLength, n -> {
            try {
                return HuggingFaceTokenizer.builder()
                        .optTokenizerPath(file)
                        .optAddSpecialTokens(true)
                        .optTruncation(true)
                        .optMaxLength(n)
                        .optPadding(false)
                        .build();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot load tokenizer " + file + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("cannot load tokenizer " + file + ": " + e.getMessage(), e);
            }
        });
    }

    @Override
    public long[] encode(String text, int maxLength) {
        Encoding encoding = tokenizer(maxLength).encode(text, true, false);
        return encoding.getIds();
    }

    @Override
    public OptionalLong idOf(String token) {
        // a special token encodes to exactly its own id, with no added special tokens
        Encoding encoding = tokenizer(8).encode(token, false, false);
        long[] ids = encoding.getIds();
        String[] tokens = encoding.getTokens();
        return ids.length == 1 && token.equals(tokens[0]) ? OptionalLong.of(ids[0]) : OptionalLong.empty();
    }

    @Override
    public void close() {
        byMaxLength.values().forEach(HuggingFaceTokenizer::close);
        byMaxLength.clear();
    }
}
