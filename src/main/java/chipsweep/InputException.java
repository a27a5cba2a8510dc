package chipsweep;

/**
 * The one exception type for bad input: a job file, a data file, a command-line value or a results
 * directory that cannot be used. Its message is a single line that names the file, the field (or line and
 * column) and the offending value, e.g. {@code jobs/x.json: field 'sigma': must be >= 0, but was -1.0}.
 * The CLI prints the message alone and exits with code 2.
 *
 * <p>Thread-safety: immutable.
 */
public final class InputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InputException(String message) {
        super(message);
    }

    public InputException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code source: field 'name': problem, but was value}. */
    public static InputException field(String source, String field, String problem, Object value) {
        return new InputException(source + ": field '" + field + "': " + problem + ", but was " + render(value));
    }

    /** {@code source: line N, column C: problem, but was value}. */
    public static InputException cell(String source, int line, int column, String problem, Object value) {
        return new InputException(source + ": line " + line + ", column " + column + ": " + problem
                + ", but was " + render(value));
    }

    static String render(Object value) {
        if (value instanceof CharSequence s) {
            return "'" + s + "'";
        }
        return String.valueOf(value);
    }
}
