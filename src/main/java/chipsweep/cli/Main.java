package chipsweep.cli;

import chipsweep.InputException;
import chipsweep.sweep.ResultsDir;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * chipsweep's one entry point (run through {@code ./submit.sh}, i.e. Spark's SparkSubmit). Bad input prints
 * one line on stderr and exits 2; a locked results folder exits 3; failed cells or unexpected errors exit 1.
 */
@Command(name = "chipsweep", mixinStandardHelpOptions = true, versionProvider = CodeVersion.Provider.class,
        description = "Chip-in-the-loop SNN training sweeps (Metropolis-Hastings vs surrogate-gradient backprop) on Spark.",
        subcommands = {CellCommand.class, RunCommand.class, SqlCommand.class, ReportCommand.class,
                BenchCommand.class, ValidateCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (tests call this). */
    public static int execute(String... args) {
        return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs the command line with the given output and error writers; returns the exit code. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, a) -> {
            PrintWriter w = ex.getCommandLine().getErr();
            w.println("chipsweep: " + ex.getMessage() + " (see '" + ex.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help')");
            w.flush();
            return ExitCodes.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> handle(ex, c.getErr()));
        return cl.execute(args);
    }

    /** What Spark's jobs fail with once their context is stopped under them. */
    static final String SPARK_SHUT_DOWN = "SparkContext was shut down";

    static int handle(Throwable ex, PrintWriter err) {
        Throwable root = ex;
        while (!(root instanceof InputException) && !(root instanceof ResultsDir.LockedException)
                && root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof InputException) {
            err.println("chipsweep: " + root.getMessage());
            err.flush();
            return ExitCodes.USAGE;
        }
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof ResultsDir.WriteFailedException) {
                err.println("chipsweep: " + t.getMessage());
                err.flush();
                return ExitCodes.FAILED;
            }
        }
        if (root instanceof ResultsDir.LockedException) {
            err.println("chipsweep: " + root.getMessage());
            err.flush();
            return ExitCodes.LOCKED;
        }
        for (Throwable t = ex; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && m.contains(SPARK_SHUT_DOWN)) {
                // not a bug of ours: the driver was stopped (killed, or suspended past Spark's heartbeat timeout)
                err.println("chipsweep: error: Spark stopped during the run (" + m.lines().findFirst().orElse(m).trim()
                        + "); the waves committed before are intact: run the same command with --resume to go on");
                err.flush();
                return ExitCodes.FAILED;
            }
        }
        err.println("chipsweep: error: " + ex);
        ex.printStackTrace(err);
        err.flush();
        return ExitCodes.FAILED;
    }
}
