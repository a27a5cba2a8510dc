package chipsweep.sweep;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The network model a job's chips implement: {@link #LIF}, the direct-current LIF network of Safa et al. 2024
 * (METHOD.md, WDBC), or {@link #CUBA}, the current-based LIF network with latency-coded image inputs of Cramer
 * et al. 2022 (spec/CRAMER.md), or {@link #BISNN}, the DECOLLE network with binary weights (spec/BISNN.md), or {@link #BUCHEL}, the mismatch-robust recurrent network (spec/BUCHEL.md). A job
 * names one; its methods, distortions and settings blocks must fit it.
 */
public enum Model {
    LIF("lif"),
    CUBA("cuba"),
    /** The binary-weight DECOLLE network of Jang et al. (spec/BISNN.md) on two moons, generated per cell. */
    BISNN("bisnn"),
    /** The recurrent LIF network of Büchel et al. 2021 (spec/BUCHEL.md) on temporal XOR, generated per cell. */
    BUCHEL("buchel");

    private final String id;

    Model(String id) {
        this.id = id;
    }

    /** The job-file name. */
    public String id() {
        return id;
    }

    /** @throws IllegalArgumentException listing the known names */
    public static Model of(String id) {
        for (Model m : values()) {
            if (m.id.equals(id)) {
                return m;
            }
        }
        throw new IllegalArgumentException("model must be one of "
                + Arrays.stream(values()).map(Model::id).collect(Collectors.joining(", ")) + ", but was '" + id + "'");
    }
}
