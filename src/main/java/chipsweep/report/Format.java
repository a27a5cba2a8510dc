package chipsweep.report;

/** Number and text formatting shared by the report's pages: no "NaN" or "null" ever reaches a page. */
final class Format {
    static final String MISSING = "—";

    private Format() {
    }

    /** A sigma or size without trailing zeros: 2, 0.5, 1e-3. */
    static String number(double v) {
        if (!Double.isFinite(v)) {
            return MISSING;
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    static String pct(double v) {
        return Double.isFinite(v) ? String.format("%.1f", 100 * v) : MISSING;
    }

    static String fixed(double v, int digits) {
        return Double.isFinite(v) ? String.format("%." + digits + "f", v) : MISSING;
    }

    /** A CSV field: empty for a missing number. */
    static String csv(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "";
    }

    static String html(String s) {
        if (s == null) {
            return MISSING;
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static String md(String s) {
        return s == null ? MISSING : s.replace("|", "\\|").replace("\n", " ");
    }

    /** A file-system-safe name part. */
    static String slug(String s) {
        return s.replaceAll("[^A-Za-z0-9.-]+", "_");
    }
}
