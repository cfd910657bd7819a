package dev.vigil.api.ask;

import dev.vigil.api.memory.Moment;
import dev.vigil.tokens.Relevance;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups scored moments into {@link MatchEvent}s: per camera, in time order, a moment matches when its calibrated
 * relevance reaches {@code threshold}, and consecutive matching moments are one event as long as no scored
 * moment that does not match lies between them and the gap between them is small (at most half the earlier
 * moment, and at least {@link #MIN_GAP_MILLIS}: clip windows leave about a frame interval between clips, while a
 * camera outage or a moment the scan did not return leaves more).
 *
 * @param relevance the bundle's calibration of cosine similarity
 * @param threshold the probability a moment must reach, strictly between 0 and 1
 */
public record EventGrouping(Relevance relevance, double threshold) {
    /** The default threshold: a match is what the model thinks more likely than not. */
    public static final double DEFAULT_THRESHOLD = 0.5;
    /** The smallest gap that still joins two moments. */
    public static final long MIN_GAP_MILLIS = 1_000;

    public EventGrouping {
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("threshold is a probability strictly between 0 and 1, got " + threshold);
        }
    }

    /** The events among {@code moments} (any order, several cameras), in time order. */
    public List<MatchEvent> group(List<Moment> moments) {
        Map<String, List<Moment>> byCamera = new LinkedHashMap<>();
        for (Moment m : moments) {
            byCamera.computeIfAbsent(m.camera(), c -> new ArrayList<>()).add(m);
        }
        List<MatchEvent> events = new ArrayList<>();
        for (List<Moment> camera : byCamera.values()) {
            camera.sort(Comparator.comparingLong(Moment::start).thenComparingLong(Moment::end));
            Run run = null;
            for (Moment m : camera) {
                double p = relevance.probability(m.score());
                if (p < threshold) {
                    run = close(run, events);
                    continue;
                }
                if (run != null && !run.joins(m)) {
                    run = close(run, events);
                }
                run = run == null ? new Run(m, p) : run.add(m, p);
            }
            close(run, events);
        }
        events.sort(Comparator.comparingLong(MatchEvent::start).thenComparing(MatchEvent::camera));
        return events;
    }

    private static Run close(Run run, List<MatchEvent> events) {
        if (run != null) {
            events.add(new MatchEvent(run.last.camera(), run.start, run.end, run.peakProbability, run.peak, run.count));
        }
        return null;
    }

    /** An event being built; mutable, local to one {@link #group} call. */
    private static final class Run {
        final long start;
        long end;
        Moment last;
        Moment peak;
        double peakProbability;
        int count;

        Run(Moment first, double p) {
            start = first.start();
            end = first.end();
            last = first;
            peak = first;
            peakProbability = p;
            count = 1;
        }

        boolean joins(Moment next) {
            long gap = next.start() - end;
            return gap <= Math.max(MIN_GAP_MILLIS, (last.end() - last.start()) / 2);
        }

        Run add(Moment m, double p) {
            end = Math.max(end, m.end());
            last = m;
            count++;
            if (p > peakProbability) {
                peak = m;
                peakProbability = p;
            }
            return this;
        }
    }
}
