package chipsweep.data;

/**
 * A task whose data each cell generates from its own seed (two moons, BISNN.md section 3; temporal XOR,
 * BUCHEL.md section 3), so the job carries only its description: the name, the test points per cell and, for two
 * moons, the side of the grid the uncertainty map covers (0 for temporal XOR). Its content hash is the hash of
 * that description.
 *
 * <p>Example: {@code new GeneratedData("two-moons", 200, 21)}, {@code new GeneratedData("temporal-xor", 100, 0)}.
 *
 * <p>Thread-safety: immutable.
 */
public record GeneratedData(String name, int testPoints, int gridSide) implements TaskData {
    /** The training points a two-moons cell may take at most (the spec's 200). */
    public static final int MAX_TRAIN_POINTS = 200;
    /** The name of the two-moons task. */
    public static final String TWO_MOONS = "two-moons";
    /** The name of the temporal XOR task. */
    public static final String TEMPORAL_XOR = "temporal-xor";
    /** The training trials a temporal XOR cell may take at most. */
    public static final int MAX_TRAIN_TRIALS = 100_000;

    public GeneratedData {
        if (!TWO_MOONS.equals(name) && !TEMPORAL_XOR.equals(name)) {
            throw new IllegalArgumentException("name must be two-moons or temporal-xor (the generated tasks), but was '"
                    + name + "'");
        }
        if (!(testPoints >= 2)) {
            throw new IllegalArgumentException("test_points must be >= 2, but was " + testPoints);
        }
        if (TWO_MOONS.equals(name) ? !(gridSide >= 2) : gridSide != 0) {
            throw new IllegalArgumentException("grid must be " + (TWO_MOONS.equals(name) ? ">= 2" : "0 for temporal-xor")
                    + ", but was " + gridSide);
        }
    }

    /** The most training samples a cell may take. */
    public int maxTrain() {
        return TWO_MOONS.equals(name) ? MAX_TRAIN_POINTS : MAX_TRAIN_TRIALS;
    }

    @Override
    public int size() {
        return maxTrain() + testPoints;
    }

    @Override
    public String contentSha256() {
        return Dataset.sha256Hex(("generated|" + name + "|" + testPoints + "|" + gridSide)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
