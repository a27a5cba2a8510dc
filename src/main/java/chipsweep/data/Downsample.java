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
    /**
     * Block r covers the original rows (or columns) {@code A[r]} and {@code A[r] + 1}, weighted {@code WA[r]}
     * and {@code 3 - WA[r]}: the 3 upsampled rows {@code 3r..3r+2} come from rows 2 + (3r + k) / 2, which are
     * {a, a, a+1} for even r and {a, a+1, a+1} for odd r. So a block sum is 4 weighted pixels, not 9.
     */
    private static final int[] A = new int[SIDE_OUT];
    private static final int[] WA = new int[SIDE_OUT];

    static {
        for (int r = 0; r < SIDE_OUT; r++) {
            A[r] = CROP + (3 * r) / 2;
            WA[r] = r % 2 == 0 ? 2 : 1;
        }
    }

    private Downsample() {
    }

    /**
     * Integer block sums (0..2295) of the image starting at {@code images[offset]} (784 unsigned bytes,
     * row-major), written to {@code dst[dstOffset .. dstOffset + 255]}.
     */
    public static void blockSums(byte[] images, int offset, short[] dst, int dstOffset) {
        Objects.checkFromIndexSize(offset, PIXELS_IN, images.length);
        Objects.checkFromIndexSize(dstOffset, PIXELS_OUT, dst.length);
        int o = dstOffset;
        for (int r = 0; r < SIDE_OUT; r++) {
            int top = offset + A[r] * SIDE_IN;
            int bottom = top + SIDE_IN;
            int wTop = WA[r];
            int wBottom = 3 - wTop;
            for (int c = 0; c < SIDE_OUT; c++) {
                int left = A[c];
                int wLeft = WA[c];
                int wRight = 3 - wLeft;
                int sumTop = wLeft * (images[top + left] & 0xFF) + wRight * (images[top + left + 1] & 0xFF);
                int sumBottom = wLeft * (images[bottom + left] & 0xFF) + wRight * (images[bottom + left + 1] & 0xFF);
                dst[o++] = (short) (wTop * sumTop + wBottom * sumBottom);
            }
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
}
