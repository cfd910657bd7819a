package dev.vigil.models.answer;

import dev.vigil.models.bundle.BundleException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The answer model's closed vocabulary: words, punctuation, three specials ({@code <pad>} = id 0, {@code <bos>},
 * {@code <eos>}) and slot tokens that stand for facts the model may cite but not invent: the camera, start and end
 * of evidence event i ({@code <cam1>}, {@code <start1>}, {@code <end1>}, 1-based) and the time window asked about
 * ({@code <window>}). {@link AnswerText} fills the slots from the evidence.
 *
 * <p>Stored as {@code answer-vocab.txt}, one token per line, line i holding id i.
 */
public final class AnswerVocabulary {
    /** The vocabulary file's name in a bundle folder. */
    public static final String FILE = "answer-vocab.txt";
    public static final String PAD = "<pad>";
    public static final String BOS = "<bos>";
    public static final String EOS = "<eos>";
    public static final String WINDOW = "<window>";

    private final List<String> tokens;
    private final Map<String, Integer> ids;

    /** @param tokens id order; {@code <pad>} first, every token once, {@code <bos>} and {@code <eos>} present */
    public AnswerVocabulary(List<String> tokens) {
        this.tokens = List.copyOf(tokens);
        this.ids = new HashMap<>();
        for (int i = 0; i < this.tokens.size(); i++) {
            String t = this.tokens.get(i);
            if (t.isBlank() || t.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("answer vocabulary token " + i + " is blank or holds whitespace: '" + t + "'");
            }
            if (ids.put(t, i) != null) {
                throw new IllegalArgumentException("answer vocabulary holds '" + t + "' twice");
            }
        }
        if (this.tokens.isEmpty() || !this.tokens.get(0).equals(PAD) || !ids.containsKey(BOS) || !ids.containsKey(EOS)) {
            throw new IllegalArgumentException("an answer vocabulary starts with " + PAD + " and holds " + BOS + " and " + EOS);
        }
    }

    /** The specials and the slots for {@code maxEvents} events, in id order: every vocabulary starts with these. */
    public static List<String> reserved(int maxEvents) {
        List<String> r = new ArrayList<>(List.of(PAD, BOS, EOS, WINDOW));
        for (int i = 1; i <= maxEvents; i++) {
            r.add(camera(i));
            r.add(start(i));
            r.add(end(i));
        }
        return r;
    }

    /** The slot for the camera of event {@code i} (1-based). */
    public static String camera(int i) {
        return "<cam" + i + ">";
    }

    /** The slot for the start of event {@code i} (1-based). */
    public static String start(int i) {
        return "<start" + i + ">";
    }

    /** The slot for the end of event {@code i} (1-based). */
    public static String end(int i) {
        return "<end" + i + ">";
    }

    /** Whether {@code token} is a slot or a special, i.e. not a word a reader sees as it is. */
    public static boolean isMarkup(String token) {
        return token.length() > 2 && token.startsWith("<") && token.endsWith(">");
    }

    public static AnswerVocabulary read(Path folder) {
        Path file = folder.resolve(FILE);
        try {
            return new AnswerVocabulary(Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isEmpty()).toList());
        } catch (IOException | IllegalArgumentException e) {
            throw new BundleException(file + " is not a valid answer vocabulary: " + e.getMessage(), e);
        }
    }

    public void write(Path folder) {
        try {
            Files.createDirectories(folder);
            Files.write(folder.resolve(FILE), tokens, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int size() {
        return tokens.size();
    }

    public String token(int id) {
        return tokens.get(id);
    }

    /** The id of {@code token}, if it is in the vocabulary. */
    public Optional<Integer> id(String token) {
        return Optional.ofNullable(ids.get(token));
    }

    /** The id of a token that must be there. */
    public int require(String token) {
        Integer id = ids.get(token);
        if (id == null) {
            throw new IllegalArgumentException("'" + token + "' is not in the answer vocabulary");
        }
        return id;
    }

    public List<String> tokens() {
        return tokens;
    }
}
