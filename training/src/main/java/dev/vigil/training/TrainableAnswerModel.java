package dev.vigil.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.vigil.models.answer.AnswerConfig;
import dev.vigil.models.answer.AnswerEvidence;
import dev.vigil.models.answer.AnswerFeatures;
import dev.vigil.models.answer.AnswerLayout;
import dev.vigil.models.answer.AnswerQuestion;

import java.util.List;
import java.util.Map;

/**
 * The built-in answer model ({@link dev.vigil.models.answer.AnswerModel}) as a differentiable function of its
 * named parameters, over a padded batch: every example gets {@code maxEvents} event slots of one header,
 * {@code maxFramesPerEvent} frame and {@code maxTokensPerEvent} visual rows, and {@code maxAnswerTokens} answer
 * positions; rows an example does not have are masked out as attention keys. A masked key gets weight exactly 0, so
 * this computes what the inference model computes over the rows that are there ({@code AnswerTrainerTest} holds the
 * two to each other).
 */
final class TrainableAnswerModel {
    /** Added to the logits of a masked key: exp underflows to exactly 0 in fp32, without the NaN that -inf can give. */
    private static final float MASKED = -1e9f;

    private final AnswerConfig config;
    private final int dim;
    private final TrainableBlocks blocks;

    TrainableAnswerModel(AnswerConfig config, int dim, Map<String, NDArray> parameters) {
        this.config = config;
        this.dim = dim;
        this.blocks = new TrainableBlocks(parameters);
    }

    /** Prefix rows per example: the question, then per event a header, its frames and its visual tokens. */
    int prefixLength() {
        return 1 + config.maxEvents() * eventLength();
    }

    private int eventLength() {
        return 1 + config.maxFramesPerEvent() + config.maxTokensPerEvent();
    }

    /**
     * The host-side inputs of a batch.
     *
     * @param answerIds {@code [B, maxAnswerTokens]} answer input ids ({@code <bos>} then the target), pad-filled
     * @param answerLengths how many answer positions each example has
     */
    Inputs inputs(List<AnswerQuestion> questions, List<List<AnswerEvidence>> events, int[][] answerIds, int[] answerLengths,
                  NDManager manager) {
        int b = questions.size();
        int e = config.maxEvents();
        int f = config.maxFramesPerEvent();
        int t = config.maxTokensPerEvent();
        int s = config.sentenceDim();
        int a = config.maxAnswerTokens();
        int p = prefixLength();
        int l = p + a;
        float[] question = new float[b * (s + dim)];
        float[] header = new float[b * e * AnswerLayout.HEADER_FEATURES];
        float[] frames = new float[b * e * f * dim];
        float[] tokens = new float[b * e * t * dim];
        boolean[][] valid = new boolean[b][l];
        int[] ids = new int[b * a];
        for (int i = 0; i < b; i++) {
            AnswerQuestion q = questions.get(i);
            System.arraycopy(AnswerFeatures.question(q), 0, question, i * (s + dim), s + dim);
            valid[i][0] = true;
            List<AnswerEvidence> given = events.get(i);
            if (given.size() > e) {
                throw new IllegalArgumentException("an example has " + given.size() + " events, the model reads " + e);
            }
            for (int j = 0; j < given.size(); j++) {
                AnswerEvidence ev = given.get(j);
                int base = 1 + j * eventLength();
                int frameCount = Math.min(ev.frameCount(), f);
                System.arraycopy(AnswerFeatures.header(q, ev, frameCount), 0, header, (i * e + j) * 2, 2);
                valid[i][base] = true;
                for (int k = 0; k < frameCount; k++) {
                    System.arraycopy(AnswerFeatures.frame(ev, k), 0, frames, ((i * e + j) * f + k) * dim, dim);
                    valid[i][base + 1 + k] = true;
                }
                int tokenCount = Math.min(ev.tokenCount(), t);
                for (int k = 0; k < tokenCount; k++) {
                    System.arraycopy(AnswerFeatures.token(ev, k), 0, tokens, ((i * e + j) * t + k) * dim, dim);
                    valid[i][base + 1 + f + k] = true;
                }
            }
            if (answerLengths[i] < 1 || answerLengths[i] > a) {
                throw new IllegalArgumentException("answer length " + answerLengths[i] + " outside 1.." + a);
            }
            for (int j = 0; j < a; j++) {
                ids[i * a + j] = answerIds[i][j];
                valid[i][p + j] = j < answerLengths[i];
            }
        }
        float[] bias = new float[b * l * l];
        for (int i = 0; i < b; i++) {
            for (int q = 0; q < l; q++) {
                for (int k = 0; k < l; k++) {
                    boolean allowed = valid[i][k] && (k < p || (q >= p && k <= q));
                    bias[(i * l + q) * l + k] = allowed ? 0 : MASKED;
                }
            }
        }
        return new Inputs(manager.create(question, new Shape(b, s + dim)),
                manager.create(header, new Shape(b, e, AnswerLayout.HEADER_FEATURES)),
                manager.create(frames, new Shape(b, e, f, dim)), manager.create(tokens, new Shape(b, e, t, dim)),
                manager.create(ids, new Shape(b, a)), manager.create(bias, new Shape(b, 1, l, l)));
    }

    /** {@code [B, maxAnswerTokens, V]} logits: position j's distribution over the token after answer input j. */
    NDArray logits(Inputs in) {
        long b = in.question().getShape().get(0);
        int h = config.width();
        int e = config.maxEvents();
        NDArray events = blocks.param(AnswerLayout.EVENT_EMBEDDING);
        NDArray question = blocks.mlp(in.question(), AnswerLayout.QUESTION).reshape(b, 1, h);
        NDArray header = blocks.linear(in.header(), AnswerLayout.HEADER).add(events.expandDims(0)).expandDims(2);
        NDArray frames = blocks.linear(in.frames(), AnswerLayout.FRAME).add(events.reshape(1, e, 1, h));
        NDArray visual = blocks.mlp(in.tokens(), AnswerLayout.VISUAL).add(events.reshape(1, e, 1, h));
        NDArray prefix = NDArrays.concat(new NDList(header, frames, visual), 2).reshape(b, (long) e * eventLength(), h);
        NDArray tokenEmbedding = blocks.param(AnswerLayout.TOKEN_EMBEDDING);
        NDArray answer = tokenEmbedding.get(in.ids().flatten()).reshape(b, config.maxAnswerTokens(), h)
                .add(blocks.param(AnswerLayout.POSITION_EMBEDDING).expandDims(0));
        NDArray x = NDArrays.concat(new NDList(question, prefix, answer), 1);
        for (int l = 0; l < config.layers(); l++) {
            String p = AnswerLayout.layer(l);
            NDArray qkv = blocks.linear(blocks.layerNorm(x, p + "ln1", AnswerLayout.LAYER_NORM_EPS), p + "attn.qkv");
            NDArray q = TrainableBlocks.splitHeads(qkv.get(new NDIndex("..., 0:{}", h)), config.heads());
            NDArray k = TrainableBlocks.splitHeads(qkv.get(new NDIndex("..., {}:{}", h, 2 * h)), config.heads());
            NDArray v = TrainableBlocks.splitHeads(qkv.get(new NDIndex("..., {}:", 2 * h)), config.heads());
            NDArray scores = q.matMul(k.transpose(0, 1, 3, 2))
                    .mul(GraphConstant.of(q, 1 / Math.sqrt((double) h / config.heads()))).add(in.bias());
            NDArray context = TrainableBlocks.mergeHeads(scores.softmax(-1).matMul(v));
            x = x.add(blocks.linear(context, p + "attn.out"));
            x = x.add(blocks.mlp(blocks.layerNorm(x, p + "ln2", AnswerLayout.LAYER_NORM_EPS), p + "mlp."));
        }
        NDArray out = blocks.layerNorm(x.get(new NDIndex(":, {}:", prefixLength())), AnswerLayout.FINAL_LN,
                AnswerLayout.LAYER_NORM_EPS);
        return out.matMul(tokenEmbedding.transpose());
    }

    /**
     * A batch on the device.
     *
     * @param question {@code [B, sentenceDim + dim]} sentence vector and normalised embedding
     * @param header   {@code [B, E, 2]} probability and best frame cosine
     * @param frames   {@code [B, E, F, D]} normalised frame embeddings (zeros where absent)
     * @param tokens   {@code [B, E, T, D]} RMS-normalised merged tokens (zeros where absent)
     * @param ids      {@code [B, A]} answer input ids (int32)
     * @param bias     {@code [B, 1, L, L]} attention mask: 0 allowed, a large negative number masked
     */
    record Inputs(NDArray question, NDArray header, NDArray frames, NDArray tokens, NDArray ids, NDArray bias) {
    }
}
