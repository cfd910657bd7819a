package dev.vigil.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The {@code vigil} command. Subcommands wire the modules together; none holds business logic. */
@Command(name = "vigil",
        mixinStandardHelpOptions = true,
        versionProvider = VigilCommand.Version.class,
        description = "Ask questions of live camera feeds.",
        footer = {"", "The ./vigil launcher also runs two tools that ship in jars of their own:",
                "  vigil bench   benchmarks: niah, e2e, encoder, report (vigil bench --help)",
                "  vigil train   train the built-in model (vigil train synthcam --help)"},
        subcommands = {
                UpCommand.class,
                IngestCommand.class,
                WorkerCommand.class,
                TopologiesCommand.class,
                ApiCommand.class,
                AskCommand.class,
                KeysCommand.class,
                CommandLine.HelpCommand.class})
public final class VigilCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new VigilCommand()).execute(args));
    }

    /** The version from the jar manifest, which Maven writes from the POM. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = VigilCommand.class.getPackage().getImplementationVersion();
            return new String[]{"vigil " + (version == null ? "(development build)" : version),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
