package chipsweep.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DownsampleTest {

    @Test
    void aWhiteImageGivesOnesAndTheBorderIsCropped() {
        int[] image = new int[784];
        for (int r = 2; r <= 25; r++) {
            for (int c = 2; c <= 25; c++) {
                image[r * 28 + c] = 255;
            }
        }
        for (double v : Downsample.to16x16(image)) {
            assertEquals(1.0, v);
        }
    }

    /** Block (0, 0) covers upsampled rows/columns 0..2 = original 2, 2, 3: weights 4, 2, 2, 1. */
    @ParameterizedTest(name = "pixel ({0}, {1}) counts {2} times in block ({3}, {4})")
    @CsvSource({
        "2, 2, 4, 0, 0",
        "2, 3, 2, 0, 0",
        "3, 3, 1, 0, 0",
        "3, 4, 2, 0, 1", // row 3 -> upsampled 2, 3 (one in block 0); column 4 -> upsampled 4, 5 (both in block 1)
        "4, 4, 4, 1, 1",
        "25, 25, 4, 15, 15",
    })
    void eachPixelCountsAsTheUpsamplingRepeatsIt(int row, int col, int weight, int br, int bc) {
        int[] image = new int[784];
        image[row * 28 + col] = 1;
        double[] x = Downsample.to16x16(image);
        assertEquals(weight / 2295.0, x[br * 16 + bc]);
    }

    @Test
    void onlyTheSourcePixelsCount() {
        int[] image = new int[784];
        image[0] = 255;
        image[27] = 255;
        image[26 * 28 + 26] = 255;
        for (double v : Downsample.to16x16(image)) {
            assertEquals(0.0, v);
        }
    }

    /** The spec, literally: crop to 24x24, upsample to 48x48, sum each 3x3 block, divide by 2295.0. */
    private static double[] literally(byte[] image) {
        int[][] up = new int[48][48];
        for (int r = 0; r < 48; r++) {
            for (int c = 0; c < 48; c++) {
                up[r][c] = image[(2 + r / 2) * 28 + (2 + c / 2)] & 0xFF;
            }
        }
        double[] x = new double[256];
        for (int r = 0; r < 16; r++) {
            for (int c = 0; c < 16; c++) {
                int sum = 0;
                for (int k = 0; k < 3; k++) {
                    for (int l = 0; l < 3; l++) {
                        sum += up[3 * r + k][3 * c + l];
                    }
                }
                x[r * 16 + c] = sum / 2295.0;
            }
        }
        return x;
    }

    @Test
    void matchesTheSpecTakenLiterallyOnRandomImages() {
        RandomGenerator rng = RandomGeneratorFactory.of("L64X256MixRandom").create(20220125L);
        byte[] image = new byte[784];
        for (int n = 0; n < 200; n++) {
            rng.nextBytes(image);
            assertArrayEquals(literally(image), Downsample.to16x16(image), 0.0, "random image " + n);
        }
        java.util.Arrays.fill(image, (byte) 255);
        assertArrayEquals(literally(image), Downsample.to16x16(image), 0.0, "all 255");
    }

    @Test
    void refusesAWrongSizeOrValue() {
        assertEquals("an image must have 784 pixels, but had 783",
                assertThrows(IllegalArgumentException.class, () -> Downsample.to16x16(new int[783])).getMessage());
        int[] bad = new int[784];
        bad[5] = 256;
        assertEquals("pixel 5 must be in 0..255, but was 256",
                assertThrows(IllegalArgumentException.class, () -> Downsample.to16x16(bad)).getMessage());
    }
}
