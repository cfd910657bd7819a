package dev.vigil.bench;

import dev.vigil.bench.driver.BenchE2eCommand;
import dev.vigil.bench.driver.BenchEncoderCommand;
import dev.vigil.bench.driver.BenchReportCommand;
import dev.vigil.bench.niah.BenchNiahCommand;
import dev.vigil.bench.qa.BenchQaCommand;
import picocli.CommandLine.Command;

/**
 * {@code vigil bench}: benchmarks: {@code niah} (needle in a video haystack), {@code qa} (questions on held-out
 * scenes), {@code e2e} (the Kafka pipeline under
 * load), {@code encoder} (encoder throughput) and {@code report} (docs/benchmarks.md from their JSON). A program of
 * its own ({@code bench/driver/target/vigil-bench.jar}, which the {@code ./vigil} launcher runs for
 * {@code vigil bench ...}), so that no production jar carries the benchmarks.
 */
@Command(name = "vigil bench", mixinStandardHelpOptions = true, description = "Run a benchmark.",
        subcommands = {BenchNiahCommand.class, BenchQaCommand.class, BenchE2eCommand.class, BenchEncoderCommand.class,
                BenchReportCommand.class, picocli.CommandLine.HelpCommand.class})
public final class BenchCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(new picocli.CommandLine(new BenchCommand()).execute(args));
    }
}
