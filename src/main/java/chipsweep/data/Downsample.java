package chipsweep.data;

import java.util.Objects;

/**
 * The 28x28 to 16x16 downsampling of CRAMER.md section 1, exactly: crop rows and columns 2..25 (24x24),
 * upsample 2x by repetition (48x48), sum each 3x3 block as an integer ({@link #blockSum}, 0..2295) and
 * divide once by {@link #DIVISOR} (= 9 * 255). The result is 256 values in [0, 1], row-major, bit-identical
 * in any language because the only floating-point operation is that one division.
 *
 * <p>Block (r, c) covers upsampled rows {@code 3r..3r+2}, i.e. original rows {@code 2 + (3r + k) / 2} for
 * k = 0, 1, 2 (integer division), and likewise for columns; so a pixel can count once, twice or four times.
 *
 * <p>Example: {@code double[] x = Downsample.to16x16(image28x28); // 256 values, x[0] is the top-left block}
 *
 * <p>Thread-safety: stateless.
 */
public final class Downsample {
    /** Side of an input image. */
    public static final int SIDE_IN = 28;
    /** Pixels of an input image (784). */
    public static final int PIXELS_IN = SIDE_IN * SIDE_IN;
    /** Side of the downsampled image. */
    public static final int SIDE_OUT = 16;
    /** Values of the downsampled image (256): the network's inputs. */
    public static final int PIXELS_OUT = SIDE_OUT * SIDE_OUT;
    /** The one divisor, 9 * 255: a block sum of 2295 gives exactly 1.0. */
    public static final double DIVISOR = 2295.0;
    /** Largest block sum. */
    public static final int MAX_SUM = 2295;

    private static final int CROP = 2;
    /** For each output value, the offsets (row * 28 + column) of its 9 source pixels, with repeats. */
    private static final int[] SOURCE = sources();

    private Downsample() {
    }

    /**
     * Integer block sums (0..2295) of the image starting at {@code images[offset]} (784 unsigned bytes,
     * row-major), written to {@code dst[dstOffset .. dstOffset + 255]}.
     */
    public static void blockSums(byte[] images, int offset, short[] dst, int dstOffset) {
        Objects.checkFromIndexSize(offset, PIXELS_IN, images.length);
        Objects.checkFromIndexSize(dstOffset, PIXELS_OUT, dst.length);
        for (int o = 0, s = 0; o < PIXELS_OUT; o++) {
            int sum = 0;
            for (int k = 0; k < 9; k++, s++) {
                sum += images[offset + SOURCE[s]] & 0xFF;
            }
            dst[dstOffset + o] = (short) sum;
        }
    }

    /** The 256 downsampled values of one 784-byte image (unsigned bytes, row-major). */
    public static double[] to16x16(byte[] image) {
        if (image.length != PIXELS_IN) {
            throw new IllegalArgumentException("an image must have " + PIXELS_IN + " pixels, but had " + image.length);
        }
        short[] sums = new short[PIXELS_OUT];
        blockSums(image, 0, sums, 0);
        double[] x = new double[PIXELS_OUT];
        for (int o = 0; o < PIXELS_OUT; o++) {
            x[o] = value(sums[o]);
        }
        return x;
    }

    /** The 256 downsampled values of one image given as 784 ints 0..255 (e.g. parsed from JSON). */
    public static double[] to16x16(int[] image) {
        if (image.length != PIXELS_IN) {
            throw new IllegalArgumentException("an image must have " + PIXELS_IN + " pixels, but had " + image.length);
        }
        byte[] bytes = new byte[PIXELS_IN];
        for (int p = 0; p < PIXELS_IN; p++) {
            int v = image[p];
            if (v < 0 || v > 255) {
                throw new IllegalArgumentException("pixel " + p + " must be in 0..255, but was " + v);
            }
            bytes[p] = (byte) v;
        }
        return to16x16(bytes);
    }

    /** A block sum as the network's input value: {@code sum / 2295.0}. */
    public static double value(int blockSum) {
        return blockSum / DIVISOR;
    }

    /** The source pixel of each of the 9 cells of each 3x3 block of the cropped, upsampled 48x48 image. */
    private static int[] sources() {
        int[] src = new int[PIXELS_OUT * 9];
        int s = 0;
        for (int r = 0; r < SIDE_OUT; r++) {
            for (int c = 0; c < SIDE_OUT; c++) {
                for (int k = 0; k < 3; k++) {
                    int row = CROP + (3 * r + k) / 2;
                    for (int l = 0; l < 3; l++) {
                        int col = CROP + (3 * c + l) / 2;
                        src[s++] = row * SIDE_IN + col;
                    }
                }
            }
        }
        return src;
    }
}
