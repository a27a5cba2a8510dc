package chipsweep.data;

import static chipsweep.data.IdxFixture.images;
import static chipsweep.data.IdxFixture.labels;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import chipsweep.InputException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ImageDatasetTest {

    @Test
    void keepsTheDownsampledImagesAndLabels() {
        byte[] raw = images(3);
        ImageDataset d = ImageDataset.of("fx", raw, labels(3), images(1), labels(1));
        for (int i = 0; i < 3; i++) {
            double[] expected = Downsample.to16x16(Arrays.copyOfRange(raw, i * 784, (i + 1) * 784));
            assertArrayEquals(expected, d.train().inputs(i), 0.0);
            double[] into = new double[300];
            d.train().inputs(i, into, 44);
            assertArrayEquals(expected, Arrays.copyOfRange(into, 44, 300), 0.0);
            assertEquals((int) Math.round(expected[17] * 2295), d.train().blockSum(i, 17));
        }
        assertArrayEquals(new int[] {1, 4, 7}, d.train().labels());
        assertEquals(7, d.train().label(2));
        assertArrayEquals(new int[] {0, 1, 0, 0, 1, 0, 0, 1, 0, 0}, d.train().labelCounts());
        assertEquals("ImageDataset[fx, 3 train, 1 test, sha256 " + d.sha256() + "]", d.toString());
    }

    @Test
    void theHashDependsOnEveryPart() {
        String base = ImageDataset.of("a", images(2), labels(2), images(1), labels(1)).sha256();
        assertEquals(base, ImageDataset.of("b", images(2), labels(2), images(1), labels(1)).sha256(), "not the name");
        byte[] y = labels(1);
        y[0] = 9;
        assertNotEquals(base, ImageDataset.of("a", images(2), labels(2), images(1), y).sha256());
        assertNotEquals(base, ImageDataset.of("a", images(1), labels(1), images(2), labels(2)).sha256());
    }

    @Test
    void survivesSerialization() throws IOException, ClassNotFoundException {
        ImageDataset d = ImageDataset.of("fx", images(3), labels(3), images(2), labels(2));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(d);
        }
        ImageDataset back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = (ImageDataset) in.readObject();
        }
        assertEquals(d.sha256(), back.sha256());
        assertArrayEquals(d.test().inputs(1), back.test().inputs(1), 0.0);
        assertArrayEquals(d.train().labels(), back.train().labels());
    }

    static Stream<Arguments> badParts() {
        byte[] label12 = labels(2);
        label12[1] = 12;
        return Stream.of(
                Arguments.of(Arrays.copyOf(images(2), 1000), labels(2), images(1), labels(1),
                        "fx: field 'train_images': must hold whole 784-byte images (bytes), but was 1000"),
                Arguments.of(images(2), labels(3), images(1), labels(1),
                        "fx: field 'train_labels': must have one label per image (2), but was 3"),
                Arguments.of(images(2), labels(2), images(2), label12,
                        "fx: field 'test_labels[1]': must be in 0-9, but was 12"));
    }

    @ParameterizedTest(name = "{4}")
    @MethodSource("badParts")
    void refusesInconsistentParts(byte[] trX, byte[] trY, byte[] teX, byte[] teY, String message) {
        assertEquals(message, assertThrows(InputException.class, () -> ImageDataset.of("fx", trX, trY, teX, teY)).getMessage());
    }
}
