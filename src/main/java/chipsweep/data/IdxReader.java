package chipsweep.data;

import chipsweep.InputException;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads the standard MNIST-style IDX files: {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte},
 * {@code t10k-images-idx3-ubyte}, {@code t10k-labels-idx1-ubyte}, each plain or gzipped (told apart by the
 * gzip magic bytes 1f 8b, whatever the name; a {@code .gz} name is looked for too). It checks the magic
 * number (0x00000803 images, 0x00000801 labels), the 28x28 size, that the file holds exactly the declared
 * bytes (nothing missing, nothing after), that image and label counts agree and that every label is 0..9.
 * Every refusal is an {@link InputException} with one line naming the file and the value, e.g.
 * {@code data/t10k-labels-idx1-ubyte.gz: label 12 at index 345 is outside 0-9}.
 *
 * <p>Example: {@code ImageDataset d = IdxReader.load(Path.of("datasets/fashion-mnist")); // 60,000 + 10,000}
 *
 * <p>Thread-safety: stateless.
 */
public final class IdxReader {
    /** Magic number of an idx3 file of unsigned bytes (images). */
    public static final int IMAGE_MAGIC = 0x00000803;
    /** Magic number of an idx1 file of unsigned bytes (labels). */
    public static final int LABEL_MAGIC = 0x00000801;
    /** The four file names, without {@code .gz}: train images, train labels, test images, test labels. */
    public static final List<String> FILES = List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte",
            "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");
    /** Number of label classes; labels are 0..9. */
    public static final int CLASSES = 10;

    private static final int BUFFER = 1 << 16;
    private static final int MAX_IMAGES = (Integer.MAX_VALUE - 64) / Downsample.PIXELS_IN;

    private IdxReader() {
    }

    /** Loads the four files of {@code dir}; the data set is named after the folder. */
    public static ImageDataset load(Path dir) {
        Path name = dir.toAbsolutePath().normalize().getFileName();
        return load(name == null ? dir.toString() : name.toString(), dir);
    }

    /**
     * Loads the four files of {@code dir} as the data set {@code name}; its {@link ImageDataset#sha256()} is
     * that of the files' uncompressed content, so plain and gzipped files give the same data set.
     *
     * @throws InputException if a file is missing, present twice (plain and {@code .gz}) or not valid
     */
    public static ImageDataset load(String name, Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new InputException(dir + ": not a directory (expected the four MNIST-style IDX files)");
        }
        Path[] files = new Path[FILES.size()];
        for (int f = 0; f < files.length; f++) {
            files[f] = find(dir, FILES.get(f));
        }
        byte[] trainImages = readImages(files[0]);
        byte[] trainLabels = readLabels(files[1]);
        requireSameCount(files[0], trainImages, files[1], trainLabels);
        byte[] testImages = readImages(files[2]);
        byte[] testLabels = readLabels(files[3]);
        requireSameCount(files[2], testImages, files[3], testLabels);
        return ImageDataset.of(name, trainImages, trainLabels, testImages, testLabels);
    }

    /**
     * Reads an idx3 file of 28x28 images: 784 unsigned bytes per image, row-major, images one after another.
     *
     * @throws InputException naming the file if it is missing or not a valid idx3 file of 28x28 images
     */
    public static byte[] readImages(Path file) {
        byte[][] parts = read(file, 16, "IDX image file");
        ByteBuffer h = ByteBuffer.wrap(parts[0]);
        requireMagic(file, h.getInt(), IMAGE_MAGIC, "images");
        int count = h.getInt();
        int rows = h.getInt();
        int cols = h.getInt();
        if (rows != Downsample.SIDE_IN || cols != Downsample.SIDE_IN) {
            throw new InputException(file + ": images are " + rows + "x" + cols + ", expected 28x28");
        }
        if (count < 0 || count > MAX_IMAGES) {
            throw new InputException(file + ": image count " + Integer.toUnsignedString(count)
                    + " in the header is outside 0.." + MAX_IMAGES);
        }
        requireLength(file, parts[1].length, count, Downsample.PIXELS_IN, 16, "images");
        return parts[1];
    }

    /**
     * Reads an idx1 file of labels, one byte each, every one 0..9.
     *
     * @throws InputException naming the file if it is missing, not a valid idx1 file or holds a label outside 0-9
     */
    public static byte[] readLabels(Path file) {
        byte[][] parts = read(file, 8, "IDX label file");
        ByteBuffer h = ByteBuffer.wrap(parts[0]);
        requireMagic(file, h.getInt(), LABEL_MAGIC, "labels");
        int count = h.getInt();
        if (count < 0) {
            throw new InputException(file + ": label count " + Integer.toUnsignedString(count)
                    + " in the header is outside 0.." + Integer.MAX_VALUE);
        }
        byte[] labels = parts[1];
        requireLength(file, labels.length, count, 1, 8, "labels");
        for (int i = 0; i < labels.length; i++) {
            int v = labels[i] & 0xFF;
            if (v >= CLASSES) {
                throw new InputException(file + ": label " + v + " at index " + i + " is outside 0-9");
            }
        }
        return labels;
    }

    /** The number of 784-byte images in {@code pixels}. */
    static int imageCount(byte[] pixels) {
        if (pixels.length % Downsample.PIXELS_IN != 0) {
            throw new IllegalArgumentException("pixels must hold whole 784-byte images, but had " + pixels.length
                    + " bytes");
        }
        return pixels.length / Downsample.PIXELS_IN;
    }

    private static Path find(Path dir, String base) {
        Path plain = dir.resolve(base);
        Path gz = dir.resolve(base + ".gz");
        boolean hasPlain = Files.isRegularFile(plain);
        boolean hasGz = Files.isRegularFile(gz);
        if (hasPlain && hasGz) {
            throw new InputException(plain + ": present both plain and gzipped (" + gz.getFileName()
                    + "); keep one");
        }
        if (!hasPlain && !hasGz) {
            throw new InputException(plain + ": file not found (nor " + gz.getFileName() + ")");
        }
        return hasPlain ? plain : gz;
    }

    /** The header (exactly {@code headerBytes}) and the rest of the uncompressed content. */
    private static byte[][] read(Path file, int headerBytes, String what) {
        if (!Files.isRegularFile(file)) {
            throw new InputException(file + ": file not found");
        }
        try (InputStream in = open(file)) {
            byte[] header = in.readNBytes(headerBytes);
            if (header.length < headerBytes) {
                throw new InputException(file + ": truncated: " + header.length + " bytes, shorter than the "
                        + headerBytes + "-byte header of an " + what);
            }
            return new byte[][] {header, in.readAllBytes()};
        } catch (EOFException e) {
            throw new InputException(file + ": truncated gzip data (" + message(e) + ")", e);
        } catch (ZipException e) {
            throw new InputException(file + ": not valid gzip data (" + message(e) + ")", e);
        } catch (IOException e) {
            throw new InputException(file + ": cannot read file (" + message(e) + ")", e);
        }
    }

    private static InputStream open(Path file) throws IOException {
        BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            return new GZIPInputStream(in, BUFFER);
        }
        return in;
    }

    private static void requireMagic(Path file, int magic, int expected, String what) {
        if (magic != expected) {
            throw new InputException(file + ": magic number " + hex(magic) + ", expected " + hex(expected)
                    + " (IDX " + what + " of unsigned bytes)");
        }
    }

    private static void requireLength(Path file, int got, int count, int bytesEach, int header, String what) {
        long expected = (long) count * bytesEach;
        if (got < expected) {
            throw new InputException(file + ": truncated: the header declares " + count + " " + what + " ("
                    + (header + expected) + " bytes uncompressed), the file holds " + (header + got));
        }
        if (got > expected) {
            long extra = got - expected;
            throw new InputException(file + ": " + extra + (extra == 1 ? " trailing byte" : " trailing bytes") + " after the " + count + " "
                    + what + " the header declares (" + (header + expected) + " bytes uncompressed)");
        }
    }

    private static void requireSameCount(Path images, byte[] pixels, Path labels, byte[] y) {
        int n = pixels.length / Downsample.PIXELS_IN;
        if (y.length != n) {
            throw new InputException(labels + ": " + y.length + " labels, but " + images.getFileName() + " holds "
                    + n + " images");
        }
    }

    private static String hex(int v) {
        return String.format("0x%08X", v);
    }

    private static String message(Exception e) {
        String m = e.getMessage();
        return (m == null ? e.getClass().getSimpleName() : m).replaceAll("\\R", " ");
    }
}
