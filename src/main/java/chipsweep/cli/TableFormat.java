package chipsweep.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/** Prints query results as an aligned text table, CSV (RFC 4180 quoting) or JSON lines. */
final class TableFormat {
    private TableFormat() {
    }

    static void print(PrintWriter out, StructType schema, List<Row> rows, String format) {
        String[] names = schema.fieldNames();
        switch (format) {
            case "csv":
                out.println(csvLine(List.of(names)));
                for (Row r : rows) {
                    out.println(csvLine(cells(r, names.length, "")));
                }
                break;
            case "json":
                for (Row r : rows) {
                    out.println(r.json());
                }
                break;
            default:
                table(out, names, rows);
        }
    }

    private static void table(PrintWriter out, String[] names, List<Row> rows) {
        int[] w = new int[names.length];
        List<List<String>> text = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            w[i] = names[i].length();
        }
        for (Row r : rows) {
            List<String> c = cells(r, names.length, "NULL");
            for (int i = 0; i < c.size(); i++) {
                w[i] = Math.max(w[i], c.get(i).length());
            }
            text.add(c);
        }
        out.println(line(List.of(names), w));
        StringBuilder sep = new StringBuilder();
        for (int i = 0; i < w.length; i++) {
            sep.append(i == 0 ? "" : "-+-").append("-".repeat(w[i]));
        }
        out.println(sep);
        for (List<String> c : text) {
            out.println(line(c, w));
        }
        out.println("(" + rows.size() + " row" + (rows.size() == 1 ? "" : "s") + ")");
    }

    private static String line(List<String> cells, int[] w) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            b.append(i == 0 ? "" : " | ").append(String.format("%-" + w[i] + "s", cells.get(i)));
        }
        return b.toString().stripTrailing();
    }

    private static List<String> cells(Row r, int n, String nullText) {
        List<String> c = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Object v = r.get(i);
            c.add(v == null ? nullText : v instanceof Row nested ? nested.json() : String.valueOf(v));
        }
        return c;
    }

    private static String csvLine(List<String> cells) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String s = cells.get(i);
            if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
                s = "\"" + s.replace("\"", "\"\"") + "\"";
            }
            b.append(i == 0 ? "" : ",").append(s);
        }
        return b.toString();
    }
}
