package chipsweep.data;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.Objects;

/**
 * One part (train or test) of an {@link ImageDataset}, kept 16x16-ready and compact: per image the 256
 * integer block sums of {@link Downsample} (0..2295, a {@code short} each: 512 bytes an image, 31 MB for
 * 60,000) and a label 0..9. {@link #inputs(int)} gives the network's inputs, {@code sum / 2295.0}, the
 * same bits as {@link Downsample#to16x16(byte[])} of the raw image.
 *
 * <p>Example: {@code InputSpikes s = LatencyCode.DEFAULTS.events(d.train().inputs(0));}
 *
 * <p>Serializable, so it can be shipped to Spark executors. Thread-safety: immutable; accessors return
 * fresh arrays.
 */
public final class ImageSplit implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int size;
    /** Row-major block sums, {@code size * 256}. */
    private final short[] sums;
    private final byte[] labels;

    private ImageSplit(short[] sums, byte[] labels) {
        this.size = labels.length;
        this.sums = sums;
        this.labels = labels;
    }

    /** Downsamples raw images (784 unsigned bytes each) whose labels the caller has checked to be 0..9. */
    static ImageSplit fromRaw(byte[] pixels, byte[] labels) {
        int n = labels.length;
        short[] sums = new short[Math.multiplyExact(n, Downsample.PIXELS_OUT)];
        for (int i = 0; i < n; i++) {
            Downsample.blockSums(pixels, i * Downsample.PIXELS_IN, sums, i * Downsample.PIXELS_OUT);
        }
        return new ImageSplit(sums, labels.clone());
    }

    /** Number of images. */
    public int size() {
        return size;
    }

    /** Label (0..9) of image {@code i}. */
    public int label(int i) {
        return labels[Objects.checkIndex(i, size)];
    }

    /** All labels, in image order. */
    public int[] labels() {
        int[] y = new int[size];
        for (int i = 0; i < size; i++) {
            y[i] = labels[i];
        }
        return y;
    }

    /** Number of images of each label 0..9. */
    public int[] labelCounts() {
        int[] counts = new int[IdxReader.CLASSES];
        for (byte y : labels) {
            counts[y]++;
        }
        return counts;
    }

    /** Integer block sum (0..2295) of input {@code input} (0..255) of image {@code i}. */
    public int blockSum(int i, int input) {
        Objects.checkIndex(i, size);
        return sums[i * Downsample.PIXELS_OUT + Objects.checkIndex(input, Downsample.PIXELS_OUT)];
    }

    /** The 256 inputs in [0, 1] of image {@code i}. */
    public double[] inputs(int i) {
        double[] x = new double[Downsample.PIXELS_OUT];
        inputs(i, x, 0);
        return x;
    }

    /** Writes the 256 inputs of image {@code i} to {@code dst[offset ..]}, allocating nothing. */
    public void inputs(int i, double[] dst, int offset) {
        Objects.checkIndex(i, size);
        Objects.checkFromIndexSize(offset, Downsample.PIXELS_OUT, dst.length);
        int from = i * Downsample.PIXELS_OUT;
        for (int p = 0; p < Downsample.PIXELS_OUT; p++) {
            dst[offset + p] = Downsample.value(sums[from + p]);
        }
    }

    @Override
    public String toString() {
        return "ImageSplit[" + size + " images of 16x16]";
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        if (sums == null || labels == null || size != labels.length
                || sums.length != (long) size * Downsample.PIXELS_OUT) {
            throw new InvalidObjectException("inconsistent ImageSplit");
        }
        for (byte y : labels) {
            if (y < 0 || y >= IdxReader.CLASSES) {
                throw new InvalidObjectException("ImageSplit label outside 0-9: " + y);
            }
        }
        for (short s : sums) {
            if (s < 0 || s > Downsample.MAX_SUM) {
                throw new InvalidObjectException("ImageSplit block sum outside 0.." + Downsample.MAX_SUM + ": " + s);
            }
        }
    }
}
