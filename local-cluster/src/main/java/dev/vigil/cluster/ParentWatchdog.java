package dev.vigil.cluster;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Optional;

/**
 * Entry point of every child JVM vigil starts (the broker, the registry): it runs the real main class and
 * exits when the parent process dies, so that no broker or registry is left behind when the parent is
 * killed with SIGKILL and its shutdown hooks never run.
 *
 * <p>Usage: {@code java -Dvigil.parent.pid=PID -cp ... dev.vigil.cluster.ParentWatchdog MAIN_CLASS ARGS...}.
 * The main class is looked up by name because the registry's main class is not on vigil's compile class
 * path; that is the one place vigil loads a class by name.
 */
public final class ParentWatchdog {
    private ParentWatchdog() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length == 0) {
            System.err.println("usage: ParentWatchdog MAIN_CLASS [ARGS...]");
            System.exit(2);
        }
        watchParent();
        Method main = Class.forName(args[0]).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void watchParent() {
        String pid = System.getProperty("vigil.parent.pid");
        if (pid == null) {
            return;
        }
        Optional<ProcessHandle> parent = ProcessHandle.of(Long.parseLong(pid));
        if (parent.isEmpty() || !parent.get().isAlive()) {
            System.err.println("parent process " + pid + " is gone; not starting");
            System.exit(3);
        }
        // onExit() of a non-child polls on Linux; a clean System.exit runs the child's own shutdown hooks.
        parent.get().onExit().thenRun(() -> {
            System.err.println("parent process " + pid + " exited; shutting down");
            System.exit(0);
        });
    }
}
