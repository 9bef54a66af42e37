package io.retailseg.cli;

import io.retailseg.Echo;
import io.retailseg.InputException;
import io.retailseg.OutputException;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/** Maps exceptions to one-line messages and exit codes, in one place. Stack traces only with --verbose. */
final class Errors implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        boolean verbose = parsed.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--verbose"))
                || parsed.hasMatchedOption("--verbose");
        if (ex instanceof InputException) {
            cl.getErr().println("retailseg: " + Echo.escape(ex.getMessage()));
            printTrace(ex, cl, verbose);
            return Main.BAD_INPUT;
        }
        if (ex instanceof io.retailseg.MemoryLimitException || ex instanceof OutputException) {
            // the machine, not the input or a bug: not enough memory, the output cannot be written
            cl.getErr().println("retailseg: " + Echo.escape(ex.getMessage()));
            printTrace(ex, cl, verbose);
            return Main.ENVIRONMENT;
        }
        if (ex instanceof EnvironmentException) {
            cl.getErr().println("retailseg: " + Echo.escape(ex.getMessage()));
            return Main.ENVIRONMENT;
        }
        if (ex instanceof UsageException) {
            cl.getErr().println("retailseg: " + Echo.escape(ex.getMessage()));
            return Main.USAGE;
        }
        if (ex instanceof UncheckedIOException) {
            cl.getErr().println("retailseg: " + Echo.escape(ex.getMessage()));
            printTrace(ex, cl, verbose);
            return Main.BAD_INPUT;
        }
        cl.getErr().println("retailseg: internal error: " + Echo.escape(String.valueOf(ex)) + " (run with --verbose for details and"
                + " please report it)");
        printTrace(ex, cl, verbose);
        return Main.INTERNAL;
    }

    private static void printTrace(Exception ex, CommandLine cl, boolean verbose) {
        if (verbose) {
            ex.printStackTrace(cl.getErr());
        }
    }
}
