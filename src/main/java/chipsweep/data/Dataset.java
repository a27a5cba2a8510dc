package chipsweep.data;

import chipsweep.InputException;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An immutable labelled data set: {@link #size()} rows of {@link #features()} finite values and a binary
 * label per row, <b>1 = malignant, 0 = benign</b> (METHOD.md section 1; scikit-learn's file uses the
 * opposite target, which {@link WdbcLoader} converts). It remembers where it came from: {@link #source()}
 * and {@link #sha256()} go into every result's provenance.
 *
 * <p>Example: {@code Dataset d = WdbcLoader.load(Path.of("datasets/wdbc.csv")); double[][] x = d.rows(split.test());}
 *
 * <p>Serializable, so it can be shipped to Spark executors. Thread-safety: immutable; accessors return
 * fresh arrays.
 */
public final class Dataset implements TaskData {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int size;
    private final int features;
    /** Row-major, {@code size * features} values. */
    private final double[] x;
    private final int[] y;
    private final int malignant;
    private final String sha256;

    /** Trusted constructor: the caller has validated the values and hands over its arrays. */
    Dataset(String source, int size, int features, double[] x, int[] y, String sha256) {
        this.source = source;
        this.size = size;
        this.features = features;
        this.x = x;
        this.y = y;
        this.malignant = countOnes(y);
        this.sha256 = sha256;
    }

    /**
     * Builds a data set in code (tests, programmatic use): copies the arrays, checks that they are
     * rectangular and finite, that every label is 0 or 1 and that both classes occur. The {@link #sha256()}
     * of such a data set hashes its content.
     *
     * @throws InputException naming {@code source}, the offending element and its value
     */
    public static Dataset of(String source, double[][] x, int[] y) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        int n = x.length;
        if (n == 0) {
            throw InputException.field(source, "x", "must have at least one row", 0);
        }
        if (y.length != n) {
            throw InputException.field(source, "y", "must have one label per row (" + n + ")", y.length);
        }
        int d = x[0] == null ? 0 : x[0].length;
        if (d == 0) {
            throw InputException.field(source, "x[0]", "must have at least one feature", d);
        }
        double[] flat = new double[Math.multiplyExact(n, d)];
        for (int i = 0; i < n; i++) {
            int len = x[i] == null ? 0 : x[i].length;
            if (len != d) {
                throw InputException.field(source, "x[" + i + "]", "must have " + d + " features like x[0]", len);
            }
            for (int j = 0; j < d; j++) {
                double v = x[i][j];
                if (!Double.isFinite(v)) {
                    throw InputException.field(source, "x[" + i + "][" + j + "]", "must be finite", v);
                }
                flat[i * d + j] = v;
            }
            if (y[i] != 0 && y[i] != 1) {
                throw InputException.field(source, "y[" + i + "]", "must be 0 (benign) or 1 (malignant)", y[i]);
            }
        }
        int[] labels = y.clone();
        requireBothClasses(source, labels);
        return new Dataset(source, n, d, flat, labels, contentHash(n, d, flat, labels));
    }

    /** Where the data came from: the file path as given, or the name passed to {@link #of}. */
    public String source() {
        return source;
    }

    /** Number of rows. */
    public int size() {
        return size;
    }

    /** Number of features per row. */
    public int features() {
        return features;
    }

    /** Feature {@code feature} of row {@code row}. */
    public double value(int row, int feature) {
        Objects.checkIndex(row, size);
        Objects.checkIndex(feature, features);
        return x[row * features + feature];
    }

    /** Label of row {@code row}: 1 = malignant, 0 = benign. */
    public int label(int row) {
        return y[Objects.checkIndex(row, size)];
    }

    /** Number of rows with the given label (0 or 1). */
    public int count(int label) {
        if (label == 1) {
            return malignant;
        }
        if (label == 0) {
            return size - malignant;
        }
        throw new IllegalArgumentException("label must be 0 or 1, but was " + label);
    }

    /** Fresh copies of the given rows, in the order given. */
    public double[][] rows(int[] indices) {
        double[][] out = new double[indices.length][];
        for (int k = 0; k < indices.length; k++) {
            int from = Objects.checkIndex(indices[k], size) * features;
            out[k] = Arrays.copyOfRange(x, from, from + features);
        }
        return out;
    }

    /** The labels of the given rows, in the order given. */
    public int[] labels(int[] indices) {
        int[] out = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            out[k] = y[Objects.checkIndex(indices[k], size)];
        }
        return out;
    }

    /**
     * Hex SHA-256 for provenance: of the file's bytes for a loaded data set (see {@link WdbcLoader}), of
     * the content (size, features, value bits, labels) for one built by {@link #of}.
     */
    public String sha256() {
        return sha256;
    }

    /**
     * SHA-256 of the values (as IEEE bits) and labels, whatever file layout they came from: the hash in every
     * result's provenance and in the science hash.
     */
    @Override
    public String contentSha256() {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 + size * (features * 8 + 4));
        b.putInt(size).putInt(features);
        for (int r = 0; r < size; r++) {
            for (int f = 0; f < features; f++) {
                b.putLong(Double.doubleToLongBits(value(r, f)));
            }
            b.putInt(label(r));
        }
        return sha256Hex(b.array());
    }

    @Override
    public String toString() {
        return "Dataset[" + source + ", " + size + " x " + features + ", " + malignant + " malignant, "
                + (size - malignant) + " benign, sha256 " + sha256 + "]";
    }

    static void requireBothClasses(String source, int[] y) {
        int ones = countOnes(y);
        if (ones == 0 || ones == y.length) {
            throw new InputException(source + ": all " + y.length + " rows are "
                    + (ones == 0 ? "benign (label 0)" : "malignant (label 1)") + "; both classes are needed");
        }
    }

    static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    private static String contentHash(int n, int d, double[] x, int[] y) {
        ByteBuffer b = ByteBuffer.allocate(8 + 8 * x.length + 4 * y.length);
        b.putInt(n).putInt(d);
        for (double v : x) {
            b.putLong(Double.doubleToLongBits(v));
        }
        for (int v : y) {
            b.putInt(v);
        }
        return sha256Hex(b.array());
    }

    /** A fresh SHA-256 digest, for hashes fed in parts (e.g. {@link ImageDataset}'s content hash). */
    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    private static int countOnes(int[] y) {
        int ones = 0;
        for (int v : y) {
            ones += v;
        }
        return ones;
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        if (x == null || y == null || size < 0 || features < 0 || x.length != (long) size * features
                || y.length != size || malignant != countOnes(y)) {
            throw new InvalidObjectException("inconsistent Dataset");
        }
    }
}
