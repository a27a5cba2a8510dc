package chipsweep.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Small IDX data for tests: deterministic images and labels, and raw file bytes to corrupt. */
final class IdxFixture {
    static final int TRAIN = 3;
    static final int TEST = 2;

    private IdxFixture() {
    }

    /** {@code n} images whose pixel p of image i is {@code (31 * i + 7 * p) mod 256}. */
    static byte[] images(int n) {
        byte[] b = new byte[n * 784];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < 784; p++) {
                b[i * 784 + p] = (byte) ((31 * i + 7 * p) & 0xFF);
            }
        }
        return b;
    }

    /** Labels {@code (3 * i + 1) mod 10}. */
    static byte[] labels(int n) {
        byte[] y = new byte[n];
        for (int i = 0; i < n; i++) {
            y[i] = (byte) ((3 * i + 1) % 10);
        }
        return y;
    }

    /** Writes a valid folder: the training files plain, the test files gzipped when {@code gzipTest}. */
    static void writeFolder(Path dir, boolean gzipTrain, boolean gzipTest) {
        String tr = gzipTrain ? ".gz" : "";
        String te = gzipTest ? ".gz" : "";
        IdxWriter.writeImages(dir.resolve("train-images-idx3-ubyte" + tr), images(TRAIN));
        IdxWriter.writeLabels(dir.resolve("train-labels-idx1-ubyte" + tr), labels(TRAIN));
        IdxWriter.writeImages(dir.resolve("t10k-images-idx3-ubyte" + te), images(TEST));
        IdxWriter.writeLabels(dir.resolve("t10k-labels-idx1-ubyte" + te), labels(TEST));
    }

    /** Raw idx3 bytes with the given header fields followed by {@code body}. */
    static byte[] idx3(int magic, int count, int rows, int cols, byte[] body) {
        return ByteBuffer.allocate(16 + body.length).putInt(magic).putInt(count).putInt(rows).putInt(cols)
                .put(body).array();
    }

    /** Raw idx1 bytes. */
    static byte[] idx1(int magic, int count, byte[] body) {
        return ByteBuffer.allocate(8 + body.length).putInt(magic).putInt(count).put(body).array();
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static void write(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
