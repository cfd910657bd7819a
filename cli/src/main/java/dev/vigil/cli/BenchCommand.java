package dev.vigil.cli;

import picocli.CommandLine.Command;

/**
 * {@code vigil bench}: benchmarks. {@code niah} today; {@code e2e} (the Kafka pipeline under load) and
 * {@code encoder} (encoder throughput) join it as subcommands.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Run a benchmark.",
        subcommands = BenchNiahCommand.class)
final class BenchCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
