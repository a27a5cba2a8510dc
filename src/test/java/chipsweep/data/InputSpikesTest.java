package chipsweep.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class InputSpikesTest {

    @Test
    void groupsInputsByStepInAscendingOrder() {
        int[] stepOf = {2, -1, 0, 2, 0, -1, 3};
        InputSpikes s = InputSpikes.of(stepOf, 4);
        assertEquals(4, s.steps());
        assertEquals(7, s.inputs());
        assertEquals(5, s.count());
        assertArrayEquals(new int[] {0, 2, 2, 4, 5}, s.stepStart());
        assertArrayEquals(new int[] {2, 4, 0, 3, 6}, s.indices());
        assertArrayEquals(new int[] {}, s.at(1));
        assertEquals(3, s.index(s.start(2) + 1));
        assertArrayEquals(stepOf, s.stepOf());
    }

    @Test
    void noSpikesAtAll() {
        InputSpikes s = InputSpikes.of(new int[] {-1, -1}, 3);
        assertEquals(0, s.count());
        assertArrayEquals(new int[] {0, 0, 0, 0}, s.stepStart());
    }

    @Test
    void refusesAStepOutsideTheRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> InputSpikes.of(new int[] {0, 4}, 4));
        assertEquals("step of input 1 must be in -1..3, but was 4", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> InputSpikes.of(new int[] {-2}, 4));
    }
}
