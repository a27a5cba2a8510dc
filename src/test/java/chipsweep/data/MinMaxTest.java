package chipsweep.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

class MinMaxTest {
    // feature 0 spans [2, 6], feature 1 is constant 5, feature 2 spans [-1, 1]
    private static final double[][] TRAIN = {{2, 5, -1}, {6, 5, 0}, {3, 5, 1}};

    @Test
    void fitsMinimumAndRange() {
        MinMax m = MinMax.fit(TRAIN);
        assertEquals(3, m.features());
        assertEquals(2, m.lo(0));
        assertEquals(4, m.scale(0));
        assertEquals(5, m.lo(1));
        assertEquals(1, m.scale(1), "a constant feature gets scale 1");
        assertEquals(-1, m.lo(2));
        assertEquals(2, m.scale(2));
    }

    @Test
    void mapsTheFittedRowsOntoZeroToOne() {
        double[][] t = MinMax.fit(TRAIN).apply(TRAIN);
        assertArrayEquals(new double[] {0, 0, 0}, t[0]);
        assertArrayEquals(new double[] {1, 0, 0.5}, t[1]);
        assertArrayEquals(new double[] {0.25, 0, 1}, t[2]);
    }

    @Test
    void clipsValuesOutsideTheFittedRange() {
        double[][] t = MinMax.fit(TRAIN).apply(new double[][] {{7, 4, 3}, {1, 5.5, -2}, {4, 5, 0.5}});
        assertArrayEquals(new double[] {1, 0, 1}, t[0]);
        assertArrayEquals(new double[] {0, 0.5, 0}, t[1]);
        assertArrayEquals(new double[] {0.5, 0, 0.75}, t[2]);
    }

    @Test
    void returnsFreshArraysAndLeavesItsInputAlone() {
        double[][] in = {{4, 5, 0}};
        double[][] out = MinMax.fit(TRAIN).apply(in);
        assertNotSame(in[0], out[0]);
        assertArrayEquals(new double[] {4, 5, 0}, in[0]);
    }

    @Test
    void rejectsUnusableRows() {
        assertThrows(IllegalArgumentException.class, () -> MinMax.fit(new double[0][]));
        assertThrows(IllegalArgumentException.class, () -> MinMax.fit(new double[][] {{1, 2}, {3}}));
        assertThrows(IllegalArgumentException.class, () -> MinMax.fit(new double[][] {{1, Double.NaN}}));
        MinMax m = MinMax.fit(TRAIN);
        assertThrows(IllegalArgumentException.class, () -> m.apply(new double[][] {{1, 2}}));
        assertThrows(IllegalArgumentException.class, () -> m.apply(new double[][] {{1, 2, Double.NaN}}));
    }

    @Test
    void survivesJavaSerialization() throws IOException, ClassNotFoundException {
        MinMax m = MinMax.fit(TRAIN);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(m);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            MinMax back = (MinMax) in.readObject();
            assertArrayEquals(m.apply(TRAIN)[2], back.apply(TRAIN)[2]);
        }
    }
}
