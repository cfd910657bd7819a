package dev.vigil.api.ask;

import dev.vigil.api.memory.Moment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Chooses which scored moments go into an answer's context within a token budget, the way VideoChat-Flash
 * samples long videos: uniformly over time first (so the answer sees the whole window, not only near-duplicates
 * of one peak), then by relevance to the text. The single best match is taken first of all, so a "needle" is
 * never crowded out by coverage. The result is in time order, as the model should read it.
 *
 * @param uniformShare the part of the budget spent on uniform temporal coverage, 0..1
 */
public record EvidenceSelection(double uniformShare) {
    public EvidenceSelection {
        if (uniformShare < 0 || uniformShare > 1) {
            throw new IllegalArgumentException("uniform share must be within 0..1, got " + uniformShare);
        }
    }

    /** Half the budget for coverage, half for relevance. */
    public static EvidenceSelection balanced() {
        return new EvidenceSelection(0.5);
    }

    /**
     * @param chosen    the selected moments, in time order
     * @param selected  their tokens
     * @param available the tokens of every candidate
     */
    public record Result(List<Moment> chosen, int selected, int available) {
    }

    /** Selects from {@code candidates} (scored moments, any order) at most {@code budget} tokens. */
    public Result select(List<Moment> candidates, int budget) {
        List<Moment> byTime = new ArrayList<>(candidates);
        byTime.sort(Comparator.comparingLong(Moment::start).thenComparing(Moment::camera));
        int available = byTime.stream().mapToInt(Moment::tokens).sum();
        Set<Moment> chosen = new LinkedHashSet<>();
        int[] used = {0};
        List<Moment> byScore = new ArrayList<>(candidates);
        byScore.sort(Comparator.comparingDouble(Moment::score).reversed().thenComparingLong(Moment::start));
        if (!byScore.isEmpty()) {
            take(byScore.get(0), budget, chosen, used);
        }
        // uniform coverage: evenly spaced positions along the time-ordered candidates
        int uniformLimit = used[0] + (int) (budget * uniformShare);
        double meanCost = byTime.isEmpty() ? 1 : Math.max(1, available / (double) byTime.size());
        int slots = (int) Math.min(byTime.size(), Math.floor(budget * uniformShare / meanCost));
        for (int s = 0; s < slots; s++) {
            Moment m = byTime.get((int) Math.floor((s + 0.5) * byTime.size() / slots));
            if (used[0] + m.tokens() <= uniformLimit) {
                take(m, budget, chosen, used);
            }
        }
        // text-guided: the rest of the budget by similarity
        for (Moment m : byScore) {
            take(m, budget, chosen, used);
        }
        List<Moment> result = new ArrayList<>(chosen);
        result.sort(Comparator.comparingLong(Moment::start).thenComparing(Moment::camera));
        return new Result(result, used[0], available);
    }

    private static void take(Moment m, int budget, Set<Moment> chosen, int[] used) {
        if (!chosen.contains(m) && used[0] + m.tokens() <= budget) {
            chosen.add(m);
            used[0] += m.tokens();
        }
    }
}
