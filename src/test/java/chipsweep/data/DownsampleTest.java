package chipsweep.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
