package chipsweep.sweep;

import java.io.IOException;
import java.util.Arrays;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Checks the framing of a Parquet file on any Hadoop filesystem (leading and trailing magic, a footer that fits)
 * with two small reads, so that a truncated or overwritten file is named before Spark trips over it.
 */
final class ParquetFraming {
    private static final byte[] MAGIC = {'P', 'A', 'R', '1'};

    private ParquetFraming() {
    }

    /** What is wrong with the file of {@code size} bytes at {@code f}, or null if its framing is sound. */
    static String problem(FileSystem fs, Path f, long size) {
        if (size < 12) {
            return "only " + size + " bytes";
        }
        byte[] head = new byte[4];
        byte[] tail = new byte[8];
        try (FSDataInputStream in = fs.open(f)) {
            in.readFully(0, head);
            in.readFully(size - 8, tail);
        } catch (IOException e) {
            return "unreadable: " + e.getMessage();
        }
        if (!Arrays.equals(head, MAGIC)) {
            return "no Parquet header";
        }
        if (!Arrays.equals(Arrays.copyOfRange(tail, 4, 8), MAGIC)) {
            return "no Parquet footer: truncated?";
        }
        int footer = (tail[0] & 0xff) | (tail[1] & 0xff) << 8 | (tail[2] & 0xff) << 16 | (tail[3] & 0xff) << 24;
        if (footer <= 0 || footer > size - 12) {
            return "footer length " + footer + " does not fit in " + size + " bytes";
        }
        return null;
    }
}
