package dev.vigil.bench.driver;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code vigil bench report docs/bench/*.json > docs/benchmarks.md}: the benchmark page, generated from the
 * JSON results, with PNG plots of throughput and latency vs cameras written beside the results.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Render docs/benchmarks.md (to stdout) and its plots from benchmark JSON files.")
public final class BenchReportCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Benchmark JSON files (e2e, encoder, PyTorch baseline, JMH).")
    List<Path> files;

    @Option(names = "--plots", defaultValue = "docs/bench",
            description = "Folder for the PNG plots (default: ${DEFAULT-VALUE}).")
    Path plots;

    @Option(names = "--analysis", description = "A hand-written markdown reading of the numbers, included after the targets.")
    Path analysis;

    @Option(names = "--plot", paramLabel = "FILE",
            description = "An e2e file whose real-time trials go into the plots (repeatable; default: every e2e file)."
                    + " Runs of other configurations would otherwise share one curve.")
    List<Path> plotFiles = new ArrayList<>();

    @Option(names = "--plots-link", defaultValue = "bench",
            description = "The plots folder as linked from the page (default: ${DEFAULT-VALUE}, i.e. docs/bench from docs/).")
    String plotsLink;

    @Override
    public Integer call() {
        BenchJson json = new BenchJson();
        List<BenchReport.Input> inputs = new ArrayList<>();
        List<Path> sorted = new ArrayList<>(files);
        sorted.sort(Comparator.comparing(p -> p.getFileName().toString()));
        for (Path file : sorted) {
            if (file.getFileName().toString().endsWith(".meta.json")) {
                continue;
            }
            try {
                inputs.add(BenchReport.Input.read(json, file));
            } catch (java.io.UncheckedIOException e) {
                System.err.println("vigil bench report: " + e.getMessage());
                return 1;
            }
        }
        String reading = "";
        if (analysis != null) {
            try {
                reading = Files.readString(analysis);
            } catch (IOException e) {
                System.err.println("vigil bench report: cannot read " + analysis + ": " + e.getMessage());
                return 1;
            }
        }
        java.util.Set<String> plotted = plotFiles.stream().map(p -> p.getFileName().toString())
                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
        BenchReport report = new BenchReport(inputs, plotsLink, reading, plotted);
        String page = report.render("vigil bench report" + (analysis == null ? "" : " --analysis docs/bench/"
                + analysis.getFileName()) + plotted.stream().map(f -> " --plot docs/bench/" + f)
                .collect(java.util.stream.Collectors.joining()) + " " + String.join(" ",
                sorted.stream().filter(p -> !p.getFileName().toString().endsWith(".meta.json"))
                        .map(p -> "docs/bench/" + p.getFileName()).toList()));
        writePlots(report.realtimeTrials());
        System.out.print(page);
        return 0;
    }

    private void writePlots(List<E2eTrialResult> trials) {
        ReportPlots plotter = new ReportPlots();
        List<double[]> framesIn = new ArrayList<>();
        List<double[]> clips = new ArrayList<>();
        List<double[]> p50 = new ArrayList<>();
        List<double[]> p95 = new ArrayList<>();
        List<double[]> p99 = new ArrayList<>();
        for (E2eTrialResult t : trials) {
            double n = t.cameras();
            framesIn.add(new double[]{n, t.framesPerSecondIn()});
            clips.add(new double[]{n, t.clipsPerSecondEncoded()});
            LatencySummary lat = t.captureToQueryableMs() == null ? LatencySummary.EMPTY : t.captureToQueryableMs();
            p50.add(new double[]{n, lat.p50() / 1000});
            p95.add(new double[]{n, lat.p95() / 1000});
            p99.add(new double[]{n, lat.p99() / 1000});
        }
        plotter.write(plots.resolve("e2e-throughput.png"), "Throughput vs cameras (real-time pace; shared 2-core CPU, noisy)",
                "cameras", "per second", List.of(new ReportPlots.Series("frames/s in", framesIn),
                        new ReportPlots.Series("clips/s encoded", clips)), Double.NaN);
        plotter.write(plots.resolve("e2e-latency.png"), "Capture -> queryable per frame vs cameras (shared 2-core CPU, noisy)", "cameras",
                "seconds", List.of(new ReportPlots.Series("p50", p50), new ReportPlots.Series("p95", p95),
                        new ReportPlots.Series("p99", p99)),
                BenchTarget.CAPTURE_TO_QUERYABLE.bound());
        System.err.printf(Locale.ROOT, "vigil bench report: plots of %d real-time trials in %s%n", trials.size(), plots);
    }

}
