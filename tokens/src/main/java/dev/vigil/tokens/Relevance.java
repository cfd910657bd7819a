package dev.vigil.tokens;

/**
 * The calibration that turns a cosine similarity into a probability that the text describes the picture:
 * SigLIP's own sigmoid, {@code p = σ(scale · cos + bias)}, with the scale ({@code e^logit_scale}) and bias
 * ({@code logit_bias}) the bundle was trained with. Because every bundle's pair loss was fitted to make exactly
 * this a probability, a threshold on {@code p} (a watch's, or "no match") means the same on every bundle, where
 * a threshold on the cosine does not (a cosine of 0.15 is a match for one bundle and noise for another).
 *
 * <p>Invariant: {@code scale > 0}, so the mapping is strictly increasing and {@link #cosineAt} is its inverse;
 * rankings by cosine and by probability are the same ranking.
 *
 * @param scale the multiplier of the cosine, {@code e^logit_scale}, positive
 * @param bias  the offset, {@code logit_bias}
 */
public record Relevance(double scale, double bias) {
    /**
     * An untrained SigLIP's calibration (logit scale {@code log 10}, bias −10, the paper's initialisation): what a
     * bundle without trained {@code logit_scale}/{@code logit_bias} tensors gets. Its probabilities are low for
     * everything, so such a bundle reports few matches rather than false ones.
     */
    public static final Relevance SIGLIP_INITIAL = new Relevance(10, -10);

    public Relevance {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("the relevance scale must be positive and finite, got " + scale);
        }
        if (!Double.isFinite(bias)) {
            throw new IllegalArgumentException("the relevance bias must be finite, got " + bias);
        }
    }

    /** From SigLIP's stored parameters: {@code logit_scale} is the log of the scale. */
    public static Relevance ofLogits(double logitScale, double logitBias) {
        return new Relevance(Math.exp(logitScale), logitBias);
    }

    /** The probability that the text describes what a picture with this cosine similarity shows; NaN gives 0. */
    public double probability(double cosine) {
        if (Double.isNaN(cosine)) {
            return 0;
        }
        double z = scale * cosine + bias;
        // σ(z) written so neither branch overflows
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }

    /** The cosine at which the probability is {@code p} (0 < p < 1): the inverse of {@link #probability}. */
    public double cosineAt(double p) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("a probability strictly between 0 and 1 is needed, got " + p);
        }
        return (Math.log(p / (1 - p)) - bias) / scale;
    }
}
