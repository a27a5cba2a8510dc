package chipsweep.chip;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Several distortions on one chip, e.g. {@code mismatch+nonlin}. Quantisation acts first on the programmed
 * weights, then the others in the order given. Each part keeps the parameters it would have alone (each is
 * drawn from its own chip stream), so {@code mismatch+nonlin} has the same xi as {@code mismatch}.
 *
 * <p>Thread-safety: immutable.
 */
public record Composite(List<Distortion> parts) implements Distortion {
    public Composite {
        parts = List.copyOf(parts);
        if (parts.size() < 2) {
            throw new IllegalArgumentException("a composition needs at least two parts, but had " + parts.size());
        }
    }

    @Override
    public String kind() {
        return parts.stream().map(Distortion::kind).collect(Collectors.joining("+"));
    }

    @Override
    public double sigma() {
        return parts.get(0).sigma();
    }

    @Override
    public void applyTo(ChipPhysics.Builder b) {
        for (Distortion d : parts) {
            d.applyTo(b);
        }
    }
}
