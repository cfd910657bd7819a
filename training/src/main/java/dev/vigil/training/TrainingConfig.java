package dev.vigil.training;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The knobs of one contrastive training run. Together with the example source's recipe they determine the result:
 * the same config and data give the same weights (on the same machine and thread count).
 *
 * @param seed            initial weights (through {@code SeededBundleWriter}), batch sampling and caption choice
 * @param steps           optimiser steps
 * @param batchFrames     frames per step
 * @param learningRate    peak rate
 * @param warmupSteps     linear warm-up
 * @param weightDecay     decoupled decay of matrices
 * @param checkpointEvery steps between checkpoints (0: only at the end)
 * @param actionMention   probability that a positive caption mentions one of the object's actions
 * @param biasInit        initial logit bias; SigLIP's -10 suits batches of thousands, where nearly every pair is
 *                        negative; with a few dozen frames a less extreme prior lets positives win sooner
 * @param scalarRateScale learning-rate multiplier of the logit scale and bias (see {@link AdamW#scaleRate})
 * @param captionsPerFact distinct wordings per fact in the {@link CaptionBank}
 * @param bindingNegatives probability that a frame showing other objects takes its hard negatives' changed
 *                        attribute from them (a green car beside a red person gets "red car" and "green person"), so
 *                        that the tower learns which colour belongs to which object rather than which colours
 *                        and kinds are present (0: always a random other colour and kind)
 */
public record TrainingConfig(long seed, int steps, int batchFrames, double learningRate, int warmupSteps,
                             double weightDecay, int checkpointEvery, double actionMention, double biasInit,
                             double scalarRateScale, int captionsPerFact, double bindingNegatives) {

    public TrainingConfig {
        if (steps < 1 || batchFrames < 2) {
            throw new IllegalArgumentException("need steps >= 1 and batchFrames >= 2, got " + steps + ", " + batchFrames);
        }
        if (!(scalarRateScale > 0)) {
            throw new IllegalArgumentException("scalarRateScale must be positive, got " + scalarRateScale);
        }
        if (!(bindingNegatives >= 0 && bindingNegatives <= 1)) {
            throw new IllegalArgumentException("bindingNegatives is a probability, got " + bindingNegatives);
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learningRate must be positive, got " + learningRate);
        }
    }

    /** The learning-rate schedule these settings imply (cosine to 5 % of the peak). */
    public LearningRateSchedule schedule() {
        return new LearningRateSchedule(learningRate, warmupSteps, steps, 0.05);
    }

    /** For {@code bundle.json}. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seed", seed);
        m.put("steps", steps);
        m.put("batchFrames", batchFrames);
        m.put("learningRate", learningRate);
        m.put("warmupSteps", warmupSteps);
        m.put("schedule", "linear warm-up, cosine to 5% of the peak");
        m.put("optimizer", "AdamW(0.9, 0.999, eps 1e-8), decay on matrices only");
        m.put("weightDecay", weightDecay);
        m.put("actionMention", actionMention);
        m.put("logitBiasInit", biasInit);
        m.put("logitScaleAndBiasRateScale", scalarRateScale);
        m.put("captionsPerFact", captionsPerFact);
        m.put("bindingNegatives", bindingNegatives);
        return m;
    }
}
