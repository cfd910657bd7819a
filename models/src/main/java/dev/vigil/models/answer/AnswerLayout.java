package dev.vigil.models.answer;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answer model's tensor names and shapes: the one list the loader checks, the seeded writer fills and the
 * trainer trains. Linear layers follow Hugging Face's layout ({@code weight [out, in]}, {@code bias [out]}).
 *
 * <p>Prefix: {@code question.fc1/fc2} (an MLP over the sentence vector and the normalised embedding),
 * {@code event.header} (over an event's probability and its best frame cosine), {@code frame} (over each
 * normalised frame embedding), {@code visual.fc1/fc2} (the projector, over each RMS-normalised merged token) and
 * {@code event.embedding} (which event a prefix token belongs to). Answer: {@code token_embedding} (tied with the
 * output), {@code position_embedding}. Then {@code layers.l.*} pre-norm decoder blocks and {@code final_ln}.
 */
public final class AnswerLayout {
    /** Every answer tensor's name starts with this. */
    public static final String PREFIX = "answer.";
    /** The weights file's name in a bundle folder. */
    public static final String FILE = "answer.safetensors";
    public static final String TOKEN_EMBEDDING = PREFIX + "token_embedding";
    public static final String POSITION_EMBEDDING = PREFIX + "position_embedding";
    public static final String EVENT_EMBEDDING = PREFIX + "event.embedding";
    public static final String QUESTION = PREFIX + "question.";
    public static final String VISUAL = PREFIX + "visual.";
    public static final String FRAME = PREFIX + "frame";
    public static final String HEADER = PREFIX + "event.header";
    public static final String FINAL_LN = PREFIX + "final_ln";
    /** Header features: the event's probability and its best frame cosine with the question. */
    public static final int HEADER_FEATURES = 2;
    public static final double LAYER_NORM_EPS = 1e-5;
    public static final double RMS_EPS = 1e-6;

    private AnswerLayout() {
    }

    /** The prefix of decoder layer {@code l}'s tensors, e.g. {@code answer.layers.0.}. */
    public static String layer(int l) {
        return PREFIX + "layers." + l + ".";
    }

    /** Every tensor's shape, in a stable order. */
    public static Map<String, long[]> shapes(AnswerConfig c, int dim, int vocabulary) {
        long h = c.width();
        Map<String, long[]> s = new LinkedHashMap<>();
        linear(s, QUESTION + "fc1", c.sentenceDim() + dim, h);
        linear(s, QUESTION + "fc2", h, h);
        linear(s, HEADER, HEADER_FEATURES, h);
        linear(s, FRAME, dim, h);
        linear(s, VISUAL + "fc1", dim, h);
        linear(s, VISUAL + "fc2", h, h);
        s.put(EVENT_EMBEDDING, new long[] {c.maxEvents(), h});
        s.put(TOKEN_EMBEDDING, new long[] {vocabulary, h});
        s.put(POSITION_EMBEDDING, new long[] {c.maxAnswerTokens(), h});
        for (int l = 0; l < c.layers(); l++) {
            String p = layer(l);
            norm(s, p + "ln1", h);
            linear(s, p + "attn.qkv", h, 3 * h);
            linear(s, p + "attn.out", h, h);
            norm(s, p + "ln2", h);
            linear(s, p + "mlp.fc1", h, 4 * h);
            linear(s, p + "mlp.fc2", 4 * h, h);
        }
        norm(s, FINAL_LN, h);
        return s;
    }

    private static void linear(Map<String, long[]> s, String name, long in, long out) {
        s.put(name + ".weight", new long[] {out, in});
        s.put(name + ".bias", new long[] {out});
    }

    private static void norm(Map<String, long[]> s, String name, long d) {
        s.put(name + ".weight", new long[] {d});
        s.put(name + ".bias", new long[] {d});
    }
}
