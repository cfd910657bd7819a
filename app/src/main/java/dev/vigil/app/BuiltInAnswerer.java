package dev.vigil.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.api.llm.Llm;
import dev.vigil.api.llm.LlmAnswer;
import dev.vigil.api.llm.LlmPrompt;
import dev.vigil.api.llm.TokenReading;
import dev.vigil.models.answer.AnswerEvidence;
import dev.vigil.models.answer.AnswerLayout;
import dev.vigil.models.answer.AnswerModel;
import dev.vigil.models.answer.AnswerQuestion;
import dev.vigil.models.answer.AnswerText;
import dev.vigil.models.clip.ClipEncoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The built-in answer model (the LLM in miniature, {@link AnswerModel}) behind the API's {@link Llm} port: what
 * writes answers when no OpenAI-compatible LLM is configured and the running bundle ships an answer model. It
 * reads the question twice with the bundle's text side (the frozen sentence encoder's vector, and the question's
 * embedding in the frame space), and for each event the API gives it ({@link LlmPrompt#tokens()}, chosen by
 * {@link #tokenReading()}) the peak moment's stored tokens and frame embeddings; it decodes a short answer whose
 * times and cameras are slots, filled from those events by {@link AnswerText}, so it cites nothing they do not
 * hold. It reads no keyframes and no chat history: each question is answered on its own.
 *
 * <p>It lives in {@code app}, beside {@link BundleQuestionEmbedder}, rather than in {@code query-api}: it is an
 * adapter from the API's port to the model runtime, and keeping it here keeps {@code query-api} free of DJL and
 * the bundle, as it is for question embedding.
 *
 * <p>Thread-safe: the model is immutable and the encoder is safe for concurrent use.
 */
public final class BuiltInAnswerer implements Llm {
    private static final Logger log = LoggerFactory.getLogger(BuiltInAnswerer.class);
    private final AnswerModel model;
    private final ClipEncoder encoder;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param model   the answer model, of width {@code encoder.dim()}
     * @param encoder the running bundle's encoder, whose text side has a sentence encoder (MiniLM)
     * @param clock   stamps the {@code created} field of streamed chunks
     * @throws IllegalArgumentException when the widths differ or the bundle's text side has no sentence encoder
     */
    public BuiltInAnswerer(AnswerModel model, ClipEncoder encoder, Clock clock) {
        if (model.dim() != encoder.dim()) {
            throw new IllegalArgumentException("the answer model is " + model.dim() + " wide, the bundle "
                    + encoder.bundle().id() + " " + encoder.dim());
        }
        if (encoder.sentenceVectors(List.of()).isEmpty()) {
            throw new IllegalArgumentException("model " + encoder.bundle().id() + " has no sentence encoder, which the"
                    + " answer model reads questions with: " + textReason(encoder));
        }
        this.model = model;
        this.encoder = encoder;
        this.clock = clock;
    }

    /**
     * The built-in answerer of the encoder's bundle: empty when the bundle folder has no answer model, or its text
     * side cannot give the sentence vectors the model reads (a SigLIP text tower, or none).
     *
     * @throws dev.vigil.models.bundle.BundleException when the answer model's files are there but unusable
     */
    public static Optional<BuiltInAnswerer> of(ClipEncoder encoder, Clock clock) {
        if (encoder.sentenceVectors(List.of()).isEmpty()) {
            if (Files.exists(encoder.bundle().folder().resolve(AnswerLayout.FILE))) {
                log.warn("model bundle {} has an answer model but no sentence encoder to read questions with ({}); answers"
                        + " are the evidence alone", encoder.bundle().id(), textReason(encoder));
            }
            return Optional.empty();
        }
        return AnswerModel.load(encoder.bundle().folder(), encoder.dim()).map(m -> new BuiltInAnswerer(m, encoder, clock));
    }

    @Override
    public String describe() {
        return "built-in answer model (" + encoder.bundle().id() + ")";
    }

    /** The name answers and streamed chunks carry in {@code model}, as an LLM server names its model. */
    public String modelName() {
        return "vigil-answer/" + encoder.bundle().id();
    }

    @Override
    public Optional<TokenReading> tokenReading() {
        return Optional.of(new TokenReading(model.maxEvents(), model.maxTokensPerEvent(), model.maxFramesPerEvent()));
    }

    @Override
    public boolean readsKeyframes() {
        return false;
    }

    /**
     * The answer to the prompt's question from the events in {@link LlmPrompt#tokens()} (at most
     * {@link AnswerModel#maxEvents()}, in time order). Tokens of another bundle than this one are not read (they are
     * in another space); with none left the model is told of no event and answers "not seen". A decoded answer
     * that is not {@link AnswerText#grounded} (it cites an event it was not given, or claims a sighting citing none)
     * is replaced by {@link AnswerText#notSeen}.
     */
    @Override
    public LlmAnswer complete(LlmPrompt prompt) {
        List<AnswerEvidence> evidence = new ArrayList<>();
        List<AnswerText.EventSlots> slots = new ArrayList<>();
        for (LlmPrompt.EventTokens t : prompt.tokens()) {
            if (!t.modelId().equals(encoder.bundle().id()) || t.dim() != model.dim()) {
                continue;
            }
            evidence.add(new AnswerEvidence(t.tokens(), t.tokenCount(), t.frameEmbeddings(), t.frameCount(), t.dim(),
                    t.event().probability()));
            slots.add(new AnswerText.EventSlots(t.event().camera(), t.event().start(), t.event().end()));
        }
        List<String> words = model.answer(question(prompt.question()), evidence);
        // The guarantee does not rest on training: an answer that cites nothing it was given is not shown.
        String text = AnswerText.grounded(words, slots.size()) ? AnswerText.render(words, slots, prompt.window())
                : AnswerText.notSeen(prompt.window());
        return new LlmAnswer(text, modelName(), prefixLength(evidence), words.size());
    }

    /**
     * Streams the answer as an OpenAI-compatible server would: one {@code chat.completion.chunk} per word (the
     * first also carries the role; each after the first starts with the space before it, so the contents join to
     * the answer), a last chunk with {@code finish_reason: "stop"}, then {@code [DONE]}.
     */
    @Override
    public void stream(LlmPrompt prompt, Consumer<String> data) {
        LlmAnswer answer = complete(prompt);
        String id = "chatcmpl-" + UUID.randomUUID();
        long created = clock.millis() / 1000;
        List<String> pieces = pieces(answer.text());
        if (pieces.isEmpty()) {
            pieces = List.of("");
        }
        for (int i = 0; i < pieces.size(); i++) {
            ObjectNode delta = json.createObjectNode();
            if (i == 0) {
                delta.put("role", "assistant");
            }
            delta.put("content", pieces.get(i));
            data.accept(chunk(id, created, delta, null));
        }
        data.accept(chunk(id, created, json.createObjectNode(), "stop"));
        data.accept("[DONE]");
    }

    private AnswerQuestion question(String text) {
        // Both are present: the constructor checked the sentence encoder, and a bundle with one has its projection.
        float[] sentence = encoder.sentenceVectors(List.of(text)).orElseThrow()[0];
        float[] embedding = encoder.embedText(List.of(text)).orElseThrow(() -> new IllegalStateException(
                "model " + encoder.bundle().id() + " has a sentence encoder but no text embedding: " + textReason(encoder)))[0];
        return new AnswerQuestion(sentence, embedding);
    }

    /** Tokens the decoder's prefix holds: the question, then per event a header, its frames and its tokens. */
    private int prefixLength(List<AnswerEvidence> evidence) {
        int n = 1;
        for (AnswerEvidence e : evidence) {
            n += 1 + Math.min(e.frameCount(), model.maxFramesPerEvent()) + Math.min(e.tokenCount(), model.maxTokensPerEvent());
        }
        return n;
    }

    /** The text cut before each word, the space before a word going with it: the pieces join to the text exactly. */
    static List<String> pieces(String text) {
        List<String> out = new ArrayList<>();
        int from = 0;
        for (int i = 1; i < text.length(); i++) {
            if (!Character.isWhitespace(text.charAt(i)) && Character.isWhitespace(text.charAt(i - 1))) {
                int cut = i;
                while (cut > from && Character.isWhitespace(text.charAt(cut - 1))) {
                    cut--;
                }
                if (cut > from) {
                    out.add(text.substring(from, cut));
                    from = cut;
                }
            }
        }
        if (from < text.length()) {
            out.add(text.substring(from));
        }
        return out;
    }

    private String chunk(String id, long created, ObjectNode delta, String finish) {
        ObjectNode c = json.createObjectNode();
        c.put("id", id).put("object", "chat.completion.chunk").put("created", created).put("model", modelName());
        ObjectNode choice = c.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        if (finish == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finish);
        }
        return c.toString();
    }

    private static String textReason(ClipEncoder encoder) {
        String reason = encoder.bundle().textUnavailableReason();
        return reason.isEmpty() ? "its text side is " + encoder.bundle().manifest().textEncoder().wireName()
                + " (the answer model needs minilm-onnx)" : reason;
    }
}
