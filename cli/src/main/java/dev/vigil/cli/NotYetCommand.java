package dev.vigil.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** Subcommands whose modules are not built yet: they say so, and which issue brings them, instead of pretending. */
abstract class NotYetCommand implements Callable<Integer> {
    private final String what;
    private final int issue;

    NotYetCommand(String what, int issue) {
        this.what = what;
        this.issue = issue;
    }

    @Override
    public Integer call() {
        System.err.println("vigil " + what + ": not yet implemented (tracked in issue " + issue + ")");
        return 2;
    }

    @Command(name = "api", description = "Run the query API against a given Kafka (not yet implemented).")
    static final class Api extends NotYetCommand {
        Api() {
            super("api", 6);
        }
    }

    @Command(name = "ask", description = "Ask a camera a question (not yet implemented).")
    static final class Ask extends NotYetCommand {
        Ask() {
            super("ask", 6);
        }
    }
}
