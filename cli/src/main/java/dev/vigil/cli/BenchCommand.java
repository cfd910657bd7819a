package dev.vigil.cli;

import dev.vigil.cli.bench.BenchE2eCommand;
import dev.vigil.cli.bench.BenchEncoderCommand;
import dev.vigil.cli.bench.BenchReportCommand;

import picocli.CommandLine.Command;

/**
 * {@code vigil bench}: benchmarks: {@code niah} (needle in a video haystack), {@code e2e} (the Kafka pipeline under
 * load), {@code encoder} (encoder throughput) and {@code report} (docs/benchmarks.md from their JSON).
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Run a benchmark.",
        subcommands = {BenchNiahCommand.class, BenchE2eCommand.class, BenchEncoderCommand.class, BenchReportCommand.class})
final class BenchCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
