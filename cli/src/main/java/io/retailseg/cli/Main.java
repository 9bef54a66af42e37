package io.retailseg.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code retailseg} command: run, demo, generate, evaluate, migrate, score, serve, report. */
@Command(name = "retailseg", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Customer segments and product recommendations from retail transaction lines.",
        subcommands = {RunCommand.class, DemoCommand.class, GenerateCommand.class, CommandLine.HelpCommand.class,
            EvaluateCommand.class, MigrateCommand.class, ScoreCommand.class, ServeCommand.class,
            ReportCommand.class})
public final class Main implements Runnable {
    /** Exit code: everything went well. */
    public static final int OK = 0;
    /** Exit code: the input (file, data) is bad. */
    public static final int BAD_INPUT = 1;
    /** Exit code: the command line is wrong. */
    public static final int USAGE = 2;
    /** Exit code: a bug; please report it. */
    public static final int INTERNAL = 3;
    /**
     * Exit code: the machine refused: the output cannot be written (disk full, permission denied, a file where
     * a folder should be) or the input needs more memory than Java was given (estimated up front).
     */
    public static final int ENVIRONMENT = 4;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a command is required: run, demo, generate, evaluate, migrate, score, serve or report");
    }

    /** A configured command line, as used by {@link #main} and by tests. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler(new Errors());
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("retailseg: " + ex.getMessage());
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
            return USAGE;
        });
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    public static void main(String[] args) {
        int code;
        try {
            code = commandLine().execute(args);
        } catch (OutOfMemoryError e) {
            System.err.println("retailseg: out of memory; give Java more with JAVA_OPTS=-Xmx8g (or more) and run again");
            code = ENVIRONMENT;
        }
        System.exit(code);
    }

    /** Version from the jar manifest, or "development". */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"retailseg " + (v == null ? "development" : v)};
        }
    }
}
