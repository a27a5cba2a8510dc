package chipsweep.cli;

/** chipsweep's exit codes. */
public final class ExitCodes {
    /** Everything ran and every cell is OK. */
    public static final int OK = 0;
    /** The run finished but some cells FAILED, or an unexpected error (a bug, a disk error). */
    public static final int FAILED = 1;
    /** Bad usage or bad input: a job file, data file, option or results folder that cannot be used. */
    public static final int USAGE = 2;
    /** The results folder is locked by another run. */
    public static final int LOCKED = 3;

    private ExitCodes() {
    }
}
