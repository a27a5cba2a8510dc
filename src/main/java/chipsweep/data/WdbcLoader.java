package chipsweep.data;

import chipsweep.InputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads the Breast Cancer Wisconsin (Diagnostic) data in either of its two common layouts, told apart by
 * the first non-blank line:
 * <ul>
 * <li>scikit-learn's {@code breast_cancer.csv}: a header {@code n,d,malignant,benign}, then n lines of d
 * numbers and an integer target, <b>0 = malignant</b>;</li>
 * <li>UCI's {@code wdbc.data}: no header, each line {@code id,M|B,features} (the id is not used), the
 * number of features taken from the first line.</li>
 * </ul>
 * Either way the labels become chipsweep's convention, <b>1 = malignant, 0 = benign</b>. Blank lines are
 * skipped, fields are trimmed. Every defect is an {@link InputException} whose one-line message names the
 * file, the 1-based line (and column) and the value; nothing becomes a silent NaN.
 *
 * <p>Example: {@code Dataset d = WdbcLoader.load(Path.of("datasets/wdbc.csv")); // 569 x 30, 212 malignant}
 *
 * <p>Thread-safety: stateless.
 */
public final class WdbcLoader {
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern NON_FINITE = Pattern.compile("(?i)[+-]?(nan|inf|infinity)");
    private static final Pattern INTEGER = Pattern.compile("\\d+");

    private WdbcLoader() {
    }

    /**
     * Loads {@code path}; the data set's {@link Dataset#source()} is {@code path.toString()} and its
     * {@link Dataset#sha256()} is the hash of the file's bytes.
     *
     * @throws InputException if the file is missing, unreadable, not UTF-8 text, or not valid WDBC data
     */
    public static Dataset load(Path path) {
        String source = path.toString();
        if (!Files.exists(path)) {
            throw new InputException(source + ": file not found");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new InputException(source + ": cannot read file: " + describe(e), e);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InputException(source + ": not a UTF-8 text file: " + describe(e), e);
        }
        return parse(source, text.lines().toList(), Dataset.sha256Hex(bytes));
    }

    /**
     * Parses the lines of a file ({@code lines.get(0)} is line 1). The data set's {@link Dataset#sha256()}
     * hashes the lines, each followed by {@code \n}, in UTF-8: the file's own hash when it has Unix line
     * endings and a final newline.
     *
     * @throws InputException if the lines are not valid WDBC data
     */
    public static Dataset parse(String source, List<String> lines) {
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line).append('\n');
        }
        return parse(source, lines, Dataset.sha256Hex(text.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static Dataset parse(String source, List<String> fileLines, String sha256) {
        List<String> lines = fileLines;
        if (!lines.isEmpty() && lines.get(0).startsWith("\uFEFF")) { // a UTF-8 byte order mark
            lines = new ArrayList<>(lines);
            lines.set(0, lines.get(0).substring(1));
        }
        int first = 0;
        while (first < lines.size() && lines.get(first).isBlank()) {
            first++;
        }
        if (first == lines.size()) {
            throw new InputException(source + ": empty file (no data lines)");
        }
        String[] head = split(lines.get(first));
        Rows rows = isHeader(head)
                ? sklearn(source, lines, first, head)
                : uci(source, lines, first);
        Dataset.requireBothClasses(source, rows.labels());
        return new Dataset(source, rows.size(), rows.features, rows.values(), rows.labels(), sha256);
    }

    private static Rows sklearn(String source, List<String> lines, int headerIndex, String[] head) {
        int headerLine = headerIndex + 1;
        int n = positiveInt(source, headerLine, 1, head[0], "row count");
        int d = positiveInt(source, headerLine, 2, head[1], "feature count");
        if (!head[2].equalsIgnoreCase("malignant")) {
            throw InputException.cell(source, headerLine, 3, "class name of target 0 must be 'malignant'", head[2]);
        }
        if (!head[3].equalsIgnoreCase("benign")) {
            throw InputException.cell(source, headerLine, 4, "class name of target 1 must be 'benign'", head[3]);
        }
        Rows rows = new Rows(d);
        for (int i = headerIndex + 1; i < lines.size(); i++) {
            String[] f = split(lines.get(i));
            int line = i + 1;
            if (f.length == 1 && f[0].isEmpty()) {
                continue;
            }
            if (isHeader(f)) {
                throw new InputException(source + ": line " + line + ": duplicate header, but was '"
                        + lines.get(i).strip() + "' (the header is line " + headerLine + ")");
            }
            if (f.length != d + 1) {
                throw new InputException(source + ": line " + line + ": wrong number of columns: expected "
                        + (d + 1) + " (" + d + " features and the target), found " + f.length);
            }
            double[] row = new double[d];
            for (int j = 0; j < d; j++) {
                row[j] = number(source, line, j + 1, f[j]);
            }
            String t = f[d];
            if (!t.equals("0") && !t.equals("1")) {
                throw InputException.cell(source, line, d + 1,
                        "unknown target, expected 0 (malignant) or 1 (benign)", t);
            }
            rows.add(row, t.equals("0") ? 1 : 0);
        }
        if (rows.size() != n) {
            throw new InputException(source + ": line " + headerLine + ", column 1: header says " + n
                    + " rows, but the file has " + rows.size() + " data rows");
        }
        return rows;
    }

    private static Rows uci(String source, List<String> lines, int firstIndex) {
        Rows rows = null;
        int firstLine = firstIndex + 1;
        for (int i = firstIndex; i < lines.size(); i++) {
            String[] f = split(lines.get(i));
            int line = i + 1;
            if (f.length == 1 && f[0].isEmpty()) {
                continue;
            }
            if (isHeader(f)) {
                throw new InputException(source + ": line " + line + ": duplicate header, but was '"
                        + lines.get(i).strip() + "' (a header is allowed on the first line only)");
            }
            if (rows == null) {
                if (f.length < 3) {
                    throw new InputException(source + ": line " + line + ": wrong number of columns: expected"
                            + " at least 3 (id, diagnosis M or B, features), found " + f.length);
                }
                rows = new Rows(f.length - 2);
            } else if (f.length != rows.features + 2) {
                throw new InputException(source + ": line " + line + ": wrong number of columns: expected "
                        + (rows.features + 2) + " (id, diagnosis and " + rows.features + " features, as on line "
                        + firstLine + "), found " + f.length);
            }
            int label;
            if (f[1].equals("M")) {
                label = 1;
            } else if (f[1].equals("B")) {
                label = 0;
            } else {
                throw InputException.cell(source, line, 2, "unknown diagnosis, expected M or B", f[1]);
            }
            double[] row = new double[rows.features];
            for (int j = 0; j < row.length; j++) {
                row[j] = number(source, line, j + 3, f[j + 2]);
            }
            rows.add(row, label);
        }
        return rows;
    }

    /** A header line: {@code n,d,name0,name1} with two integers and two non-numbers. */
    private static boolean isHeader(String[] f) {
        return f.length == 4 && INTEGER.matcher(f[0]).matches() && INTEGER.matcher(f[1]).matches()
                && !isNumeric(f[2]) && !isNumeric(f[3]);
    }

    private static boolean isNumeric(String s) {
        return DECIMAL.matcher(s).matches() || NON_FINITE.matcher(s).matches();
    }

    private static double number(String source, int line, int column, String s) {
        if (DECIMAL.matcher(s).matches()) {
            double v = Double.parseDouble(s);
            if (Double.isFinite(v)) {
                return v;
            }
            throw InputException.cell(source, line, column, "must be finite (overflows a double)", s);
        }
        if (NON_FINITE.matcher(s).matches()) {
            throw InputException.cell(source, line, column, "must be finite", s);
        }
        throw InputException.cell(source, line, column, "not a number", s);
    }

    private static int positiveInt(String source, int line, int column, String s, String what) {
        try {
            int v = Integer.parseInt(s);
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw InputException.cell(source, line, column, "header " + what + " must be a positive integer", s);
    }

    private static String[] split(String line) {
        String[] f = line.split(",", -1);
        for (int i = 0; i < f.length; i++) {
            f[i] = f[i].strip();
        }
        return f;
    }

    private static String describe(Exception e) {
        String m = e.getMessage();
        String s = e.getClass().getSimpleName() + (m == null ? "" : " " + m);
        return s.replaceAll("\\R", " ");
    }

    /** Rows collected while parsing. */
    private static final class Rows {
        final int features;
        private final List<double[]> values = new ArrayList<>();
        private final List<Integer> labels = new ArrayList<>();

        Rows(int features) {
            this.features = features;
        }

        void add(double[] row, int label) {
            values.add(row);
            labels.add(label);
        }

        int size() {
            return values.size();
        }

        double[] values() {
            double[] flat = new double[Math.multiplyExact(values.size(), features)];
            for (int i = 0; i < values.size(); i++) {
                System.arraycopy(values.get(i), 0, flat, i * features, features);
            }
            return flat;
        }

        int[] labels() {
            return labels.stream().mapToInt(Integer::intValue).toArray();
        }
    }
}
