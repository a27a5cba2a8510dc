package chipsweep.sweep;

import chipsweep.data.Dataset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Stable identities: a cell's id is a hash of its canonical fields and the job's science hash, so the same
 * cell of the same science has the same id in every run, resume and cluster; a data set's content hash does
 * not depend on its file layout.
 *
 * <p>Thread-safety: stateless.
 */
public final class CellIds {
    private CellIds() {
    }

    /**
     * 16 hex digits identifying {@code cell} under science hash {@code scienceSha256}. A warm cell's budget is
     * part of the key; a cold cell's key is the same as before warm starts existed, so old results keep their ids.
     */
    public static String cellId(String scienceSha256, Cell cell) {
        String key = scienceSha256 + "|" + cell.distortion() + "|" + Double.toString(cell.sigma()) + "|"
                + cell.trainSize() + "|" + cell.method().id() + "|" + cell.seed()
                + (cell.method().warm() ? "|" + Double.toString(cell.budget()) : "") // cold cells keep their ids
                + paramsKey(cell);
        return sha256(key.getBytes(StandardCharsets.UTF_8)).substring(0, 16);
    }

    private static String paramsKey(Cell cell) {
        StringBuilder b = new StringBuilder();
        cell.params().forEach((k, v) -> b.append('|').append(k).append('=').append(Double.toString(v)));
        return b.toString();
    }

    /** The data's content hash ({@link Dataset#contentSha256}). */
    public static String contentSha256(Dataset d) {
        return d.contentSha256();
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    public static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }
}
