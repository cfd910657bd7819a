package dev.vigil.bench.driver;

import java.util.List;

/**
 * Whether the backlog grew while the cameras streamed: the least-squares slope over the second half of the
 * streaming phase (the first half holds start-up: model warm-up, the first clip windows). Growing means a
 * slope above 5 % of the arrival rate in clips/s — a pipeline that keeps up shows a flat backlog of about
 * (clip length + grace + processing) worth of clips.
 *
 * @param samples             one per second
 * @param slopeClipsPerSecond the slope over the second half of streaming
 * @param arrivalClipsPerSecond cameras × fps ÷ frames per clip
 * @param growing             slope &gt; 0.05 × arrival rate
 */
public record BacklogTrend(List<BacklogSample> samples, double slopeClipsPerSecond, double arrivalClipsPerSecond,
                           boolean growing) {

    static BacklogTrend of(List<BacklogSample> samples, double streamingSeconds, double arrivalClipsPerSecond) {
        List<BacklogSample> late = samples.stream()
                .filter(s -> s.second() >= streamingSeconds / 2 && s.second() <= streamingSeconds).toList();
        double slope = slope(late);
        return new BacklogTrend(List.copyOf(samples), slope, arrivalClipsPerSecond,
                slope > 0.05 * arrivalClipsPerSecond);
    }

    private static double slope(List<BacklogSample> points) {
        if (points.size() < 3) {
            return 0;
        }
        double mx = points.stream().mapToDouble(BacklogSample::second).average().orElse(0);
        double my = points.stream().mapToDouble(BacklogSample::clips).average().orElse(0);
        double num = 0;
        double den = 0;
        for (BacklogSample p : points) {
            num += (p.second() - mx) * (p.clips() - my);
            den += (p.second() - mx) * (p.second() - mx);
        }
        return den == 0 ? 0 : num / den;
    }
}
