package dev.vigil.bench.driver;

import java.util.List;
import java.util.Map;

/**
 * The result of {@code vigil bench e2e}.
 *
 * @param kind          always {@code "e2e"} (the report generator dispatches on it)
 * @param command       the command line that produced it
 * @param machine       where and when
 * @param cluster       {@code embedded} (broker and registry started by the benchmark) or {@code external}
 * @param bundle        the model bundle folder
 * @param bundleSource  {@code given}, {@code built-in synthcam-tiny} or {@code untrained stand-in}
 * @param modelId       the bundle's id
 * @param definitions   what each measured quantity is, in words
 * @param trials        every trial, in the order run
 * @param capacity      the capacity search's answer, or null without {@code --find-capacity}
 * @param workerBatchClips  worker batch sizes in clips over the whole run: p50, p95, p99, max, count
 * @param workerBatchFrames the same in frames
 * @param loadAverageEnd    load average when the run ended
 * @param notes         caveats
 */
public record E2eReport(String kind, String command, MachineInfo machine, String cluster, String bundle,
                        String bundleSource, String modelId, Map<String, String> definitions,
                        List<E2eTrialResult> trials, CapacityResult capacity, Map<String, Double> workerBatchClips,
                        Map<String, Double> workerBatchFrames, String loadAverageEnd, List<String> notes) {
}
