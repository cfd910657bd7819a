package dev.vigil.training;

import ai.djl.ndarray.NDArray;

/**
 * SigLIP's pairwise sigmoid loss: every (frame, caption) pair is an independent binary decision,
 * {@code -log σ(z · (e^t · cos(frame, caption) + b))} with {@code z = +1} when the caption describes something on
 * the frame and {@code -1} otherwise, summed over pairs and divided by the number of frames.
 *
 * <p>Unlike a softmax (CLIP) loss it allows several true captions per frame and frames with none, which is what
 * a camera frame with two objects, or an empty one, needs.
 */
public final class SigmoidContrastiveLoss {

    /**
     * @param frames   {@code [B, D]} frame embeddings
     * @param captions {@code [C, D]} caption embeddings
     * @param labels   {@code [B, C]} +1 / -1
     * @param logScale {@code t}, scalar array
     * @param bias     {@code b}, scalar array
     * @return the scalar loss
     */
    public NDArray loss(NDArray frames, NDArray captions, NDArray labels, NDArray logScale, NDArray bias) {
        NDArray logits = similarities(frames, captions).mul(logScale.exp()).add(bias);
        NDArray x = logits.mul(labels).neg();
        // softplus(x) = max(x, 0) + log(1 + e^-|x|), stable for large |x|
        NDArray softplus = x.maximum(GraphConstant.of(x, 0)).add(x.abs().neg().exp().add(GraphConstant.of(x, 1)).log());
        return softplus.sum().div(GraphConstant.of(x, frames.getShape().get(0)));
    }

    /** Cosine similarities {@code [B, C]}. */
    public NDArray similarities(NDArray frames, NDArray captions) {
        return normalise(frames).matMul(normalise(captions).transpose());
    }

    private static NDArray normalise(NDArray x) {
        return x.div(x.square().sum(new int[] {-1}, true).add(GraphConstant.of(x, 1e-12)).sqrt());
    }
}
