package chipsweep.data;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Writes IDX files of 28x28 unsigned-byte images ({@code idx3}) and labels ({@code idx1}), the format
 * {@link IdxReader} reads: a big-endian header (magic 0x00000803, count, 28, 28; or magic 0x00000801,
 * count) and the raw bytes. A file whose name ends in {@code .gz} is gzipped at the best compression with
 * a fixed header (modification time 0, no file name), so equal content gives equal bytes with the same
 * zlib. Used by {@link NpmMnistToIdx} and by tests.
 *
 * <p>Example: {@code IdxWriter.writeLabels(dir.resolve("t10k-labels-idx1-ubyte.gz"), labels);}
 *
 * <p>Thread-safety: stateless.
 */
public final class IdxWriter {
    private static final int BUFFER = 1 << 16;

    private IdxWriter() {
    }

    /** Writes {@code pixels} (784 unsigned bytes per image, row-major) as an idx3 file. */
    public static void writeImages(Path file, byte[] pixels) {
        write(file, imageHeader(IdxReader.imageCount(pixels)), pixels);
    }

    /** Writes {@code labels} (one byte per image) as an idx1 file. */
    public static void writeLabels(Path file, byte[] labels) {
        write(file, labelHeader(labels.length), labels);
    }

    /** The 16-byte header of an idx3 file of {@code count} 28x28 images. */
    public static byte[] imageHeader(int count) {
        return ByteBuffer.allocate(16).putInt(IdxReader.IMAGE_MAGIC).putInt(count)
                .putInt(Downsample.SIDE_IN).putInt(Downsample.SIDE_IN).array();
    }

    /** The 8-byte header of an idx1 file of {@code count} labels. */
    public static byte[] labelHeader(int count) {
        return ByteBuffer.allocate(8).putInt(IdxReader.LABEL_MAGIC).putInt(count).array();
    }

    private static void write(Path file, byte[] header, byte[] body) {
        boolean gzip = file.getFileName().toString().endsWith(".gz");
        try (OutputStream out = open(file, gzip)) {
            out.write(header);
            out.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static OutputStream open(Path file, boolean gzip) throws IOException {
        OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file), BUFFER);
        if (!gzip) {
            return raw;
        }
        // GZIPOutputStream's header has mtime 0 and no name; only the level needs setting.
        return new GZIPOutputStream(raw, BUFFER) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        };
    }
}
