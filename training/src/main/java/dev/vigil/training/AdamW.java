package dev.vigil.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter), written out on NDArrays so that its state can be
 * checkpointed by name next to the parameters and a resumed run continues exactly.
 *
 * <p>Weight decay applies to matrices only (two or more dimensions); biases, norms, the probe and the logit
 * scale/bias are not decayed, as usual for transformers. Updates run outside any gradient collector (autograd off),
 * in place, then the gradients are zeroed for the next step.
 */
public final class AdamW {

    private final float beta1;
    private final float beta2;
    private final float epsilon;
    private final float weightDecay;
    private final Map<String, NDArray> first = new LinkedHashMap<>();
    private final Map<String, NDArray> second = new LinkedHashMap<>();
    private final Map<String, Float> rateScale = new LinkedHashMap<>();

    /**
     * @param parameters the trained arrays by name; moments start at zero in {@code manager}
     */
    public AdamW(Map<String, NDArray> parameters, NDManager manager, float beta1, float beta2, float epsilon,
                 float weightDecay) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
        parameters.forEach((name, p) -> {
            first.put(name, manager.zeros(p.getShape()));
            second.put(name, manager.zeros(p.getShape()));
        });
    }

    /**
     * One update of every parameter with its current gradient.
     *
     * <p>Functional rather than in place: each parameter is replaced by a new leaf array ({@code p - update},
     * detached, gradient attached), and the old one is closed with its gradient, so no gradient needs zeroing and
     * none accumulates across steps. (NaN gradients at random steps were once blamed on in-place updates; their
     * cause was the freed scalar operands that {@link GraphConstant} now keeps alive.)
     *
     * @param parameters the trained arrays by name; replaced in this map
     * @param step 1-based step number (bias correction)
     * @param learningRate this step's rate
     */
    public void update(Map<String, NDArray> parameters, long step, float learningRate) {
        double correction1 = 1 - Math.pow(beta1, step);
        double correction2 = 1 - Math.pow(beta2, step);
        for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
            NDArray p = e.getValue();
            NDArray m = first.get(e.getKey());
            NDArray v = second.get(e.getKey());
            NDArray next;
            float rate = learningRate * rateScale.getOrDefault(e.getKey(), 1f);
            try (NDManager scratch = p.getManager().newSubManager()) {
                NDArray grad = p.getGradient();
                grad.attach(scratch);
                NDArray newM = m.mul(beta1).add(grad.mul(1 - beta1));
                NDArray newV = v.mul(beta2).add(grad.square().mul(1 - beta2));
                newM.attach(m.getManager());
                newV.attach(v.getManager());
                first.put(e.getKey(), newM);
                second.put(e.getKey(), newV);
                m.close();
                v.close();
                NDArray update = first.get(e.getKey()).div(correction1).div(second.get(e.getKey()).div(correction2).sqrt().add(epsilon)).mul(rate);
                NDArray decayed = weightDecay > 0 && p.getShape().dimension() >= 2
                        ? p.mul(1 - rate * weightDecay) : p;
                next = decayed.sub(update).stopGradient();
                next.attach(p.getManager());
            }
            // they outlive the step: keep them out of any enclosing NDScope
            NDScope.unregister(next, first.get(e.getKey()), second.get(e.getKey()));
            next.setRequiresGradient(true);
            p.close();
            e.setValue(next);
        }
    }

    /**
     * Runs {@code name} at {@code scale} times the step's learning rate: scalars such as the logit bias must travel
     * several units, which Adam (steps of about the rate each) would take tens of thousands of steps to do at a rate
     * that suits the matrices.
     */
    public AdamW scaleRate(String name, float scale) {
        if (!first.containsKey(name)) {
            throw new IllegalArgumentException("no parameter " + name);
        }
        rateScale.put(name, scale);
        return this;
    }

    /** The moments by name: {@code m.<param>} and {@code v.<param>}, for checkpoints. */
    public Map<String, NDArray> state() {
        Map<String, NDArray> out = new LinkedHashMap<>();
        first.forEach((k, v) -> out.put("m." + k, v));
        second.forEach((k, v) -> out.put("v." + k, v));
        return out;
    }

    /** Restores moments saved by {@link #state()} (same names and shapes), in place. */
    public void restore(Map<String, float[]> saved) {
        state().forEach((name, array) -> {
            float[] values = saved.get(name);
            if (values == null) {
                throw new IllegalArgumentException("checkpoint has no optimiser state " + name);
            }
            array.set(values);
        });
    }
}
