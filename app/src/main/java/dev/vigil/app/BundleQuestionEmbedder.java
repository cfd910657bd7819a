package dev.vigil.app;

import dev.vigil.api.ApiException;
import dev.vigil.api.ask.QuestionEmbedder;
import dev.vigil.models.clip.ClipEncoder;
import dev.vigil.tokens.Relevance;

import java.util.List;

/** The API's question embedder: the running model bundle's text side, in the space of its frame embeddings. */
public final class BundleQuestionEmbedder implements QuestionEmbedder {
    private final ClipEncoder encoder;
    private final Relevance relevance;

    public BundleQuestionEmbedder(ClipEncoder encoder) {
        this.encoder = encoder;
        this.relevance = encoder.bundle().relevance();
    }

    @Override
    public float[] embed(String question) {
        return encoder.embedText(List.of(question))
                .orElseThrow(() -> new ApiException(503, "model cannot read questions", "model " + encoder.bundle().id()
                        + " has no text side, so questions cannot be compared with clips: "
                        + encoder.bundle().textUnavailableReason()))[0];
    }

    @Override
    public Relevance relevance() {
        return relevance;
    }

    @Override
    public String modelId() {
        return encoder.bundle().id();
    }
}
