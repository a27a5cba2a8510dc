package chipsweep.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chipsweep.chip.CubaNetwork;
import chipsweep.data.ImageDataset;
import chipsweep.data.LatencyCode;
import chipsweep.train.CubaSettings;
import chipsweep.train.MhSettings;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cells of the current-based model through the one {@link CellRunner}: chip time per method, in-the-loop on an
 * ideal noiseless full-precision chip equal to software, common family chips, the hidden axis, determinism.
 * Runs on a small synthetic image set (two classes of blobs), so it takes a second.
 */
class CubaCellsTest {
    static ImageDataset data;

    /** 120 train and 60 test 28x28 images: class 0 a bright top half, class 1 a bright bottom half, with noise. */
    @BeforeAll
    static void images() {
        Random r = new Random(7);
        data = ImageDataset.of("blobs", pixels(120, r), labels(120), pixels(60, r), labels(60));
    }

    private static byte[] labels(int n) {
        byte[] y = new byte[n];
        for (int i = 0; i < n; i++) {
            y[i] = (byte) (i % 2);
        }
        return y;
    }

    private static byte[] pixels(int n, Random r) {
        byte[] x = new byte[n * 784];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < 784; p++) {
                boolean top = p / 28 < 14;
                boolean bright = (i % 2 == 0) == top;
                x[i * 784 + p] = (byte) (bright ? 150 + r.nextInt(100) : r.nextInt(60));
            }
        }
        return x;
    }

    static Science science(double noise, double wMax, int evalChips) {
        CubaScience cu = new CubaScience(CubaNetwork.defaults(256, 10).withHidden(24), LatencyCode.DEFAULTS, noise, 0.0,
                CubaSettings.DEFAULTS.withEpochs(3).withBatchSize(20).withLearningRate(0.01).withWMax(wMax));
        return Science.defaults(0).withDeployment(new DeploymentSettings(evalChips, 0)).withCuba(cu);
    }

    private static CellResult run(Science s, Cell c) {
        CellResult r = new CellRunner(s, data, Clock.systemUTC()).run(c);
        assertEquals(CellResult.Status.OK, r.status(), String.valueOf(r.error()));
        return r;
    }

    @Test
    void chipTimeIsCountedInTheLoopOnlyAndItlOnAnIdealChipIsSoftware() {
        Science s = science(0.0, 0.0, 0);
        CellResult itl = run(s, new Cell("decalibration", 0.0, 100, Method.ITL, 1));
        CellResult soft = run(s, new Cell("none", 0.0, 100, Method.SOFTWARE, 1));
        CellResult transfer = run(s, new Cell("decalibration", 0.0, 100, Method.TRANSFER, 1));
        assertEquals(3L * 100, itl.deployment().chipSamples(), "every training image recorded once per epoch");
        assertEquals(3L * 5, itl.deployment().chipPrograms(), "one programming per minibatch of 20");
        assertEquals(0, soft.deployment().chipSamples());
        assertEquals(0, transfer.deployment().chipSamples());
        assertEquals(soft.testAccuracy(), itl.testAccuracy(), 0.0, "the ideal chip in the loop is software");
        assertEquals(soft.trace(), itl.trace());
        assertEquals(soft.testAccuracy(), transfer.testAccuracy(), 0.0, "transfer to the ideal chip is software");
        assertTrue(itl.testAccuracy() > 0.8, "the blobs are easy: " + itl.testAccuracy());
        assertEquals(0.5, itl.metric("floor_accuracy"), 0.0);
        assertTrue(itl.metric("hidden_spikes_per_image") >= 0);
        assertEquals(3, itl.trace().size());
    }

    @Test
    void aDecalibratedNoisyQuantisedChipChangesItlButNotSoftware() {
        Science s = science(0.05, 0.4, 3);
        CellResult itl = run(s, new Cell("decalibration", 0.5, 100, Method.ITL, 1));
        CellResult again = run(s, new Cell("decalibration", 0.5, 100, Method.ITL, 1));
        CellResult itl0 = run(science(0.0, 0.0, 0), new Cell("decalibration", 0.0, 100, Method.ITL, 1));
        assertEquals(itl.testAccuracy(), again.testAccuracy(), 0.0, "deterministic, noise included");
        assertEquals(itl.trace(), again.trace());
        assertNotEquals(itl0.trace(), itl.trace(), "the chip's measurements reach the gradients");
        CellResult transfer = run(s, new Cell("decalibration", 0.5, 100, Method.TRANSFER, 1));
        List<Map<String, Long>> a = itl.deployment().fleet().stream().map(CellResult.FleetChip::chipSeeds).toList();
        List<Map<String, Long>> b = transfer.deployment().fleet().stream().map(CellResult.FleetChip::chipSeeds).toList();
        assertEquals(3, a.size());
        assertEquals(a, b, "both methods meet the same family chips");
        assertEquals(CellSeeds.familyChip(0, "decalibration", 0.5, 2), a.get(2));
        assertTrue(Double.isFinite(itl.deployment().idealAccuracy()));
    }

    @Test
    void softwareAndTransferOfASeedDeployOneSharedOfflineTraining() {
        Science s = science(0.05, 0.4, 0);
        List<Cell> asked = new java.util.ArrayList<>();
        CellRunner inProcess = new CellRunner(s, data, Clock.systemUTC());
        CellRunner shared = new CellRunner(s, data, Clock.systemUTC(), true, source -> {
            asked.add(source);
            return inProcess.trainSource(source);
        });
        Cell source = new Cell("none", 0.0, 100, Method.SOFTWARE, 1);
        Cell t3 = new Cell("decalibration", 0.3, 100, Method.TRANSFER, 1);
        Cell t5 = new Cell("decalibration", 0.5, 100, Method.TRANSFER, 1);
        assertEquals(source, t3.source());
        assertEquals(source, t5.source());
        assertEquals(source, source.source());
        CellResult a = shared.run(t5);
        assertEquals(List.of(source), asked, "a transfer cell asks for its seed's offline training, not its own");
        CellResult b = inProcess.run(t5);
        assertEquals(CellResult.Status.OK, a.status(), String.valueOf(a.error()));
        assertEquals(b.testAccuracy(), a.testAccuracy(), 0.0, "the shared training is the cell's own");
        assertEquals(b.trace(), a.trace());
        assertEquals(b.finalLoss(), a.finalLoss(), 0.0);
        CellResult other = run(s, t3);
        CellResult soft = run(s, source);
        assertEquals(soft.trace(), other.trace(), "every sigma's transfer deploys software's training");
        assertEquals(soft.finalLoss(), a.finalLoss(), 0.0);
        assertEquals(3, a.trace().size());
        CellRunner.SourceTraining t = inProcess.trainSource(source);
        assertEquals(Map.of(), t.chipSeeds(), "offline training runs no chip");
        assertEquals(0, t.chipSamples());
    }

    @Test
    void theHiddenAxisSizesTheNetworkAndItsInitStream() {
        Science s = science(0.0, 0.0, 0);
        Cell small = new Cell("none", 0.0, 60, Method.SOFTWARE, 0, Cell.NO_BUDGET, new TreeMap<>(Map.of("hidden", 8.0)));
        Cell wide = new Cell("none", 0.0, 60, Method.SOFTWARE, 0);
        assertTrue(Arrays.equals(new int[] {256, 8, 10}, s.layers(small)));
        assertTrue(Arrays.equals(new int[] {256, 24, 10}, s.layers(wide)));
        assertNotEquals(CellSeeds.of(0, s.layers(small), small).init(), CellSeeds.of(0, s.layers(wide), wide).init());
        assertNotEquals(CellIds.cellId("x", small), CellIds.cellId("x", wide));
        assertEquals("none s=0.0 n=60 software seed=0 hidden=8.0", small.label());
        CellResult r = run(s, small);
        assertTrue(r.testAccuracy() >= 0 && r.testAccuracy() <= 1);
    }

    @Test
    void nestedSubsetsOfTheTrainSet() {
        int[] n10 = CubaCells.subset(120, 10, 5);
        int[] n20 = CubaCells.subset(120, 20, 5);
        for (int r : n10) {
            assertTrue(Arrays.binarySearch(n20, r) >= 0, "the subset of 10 lies inside that of 20");
        }
        assertEquals(null, CubaCells.subset(120, 120, 5), "the whole set, in order");
    }

    /** {@code science(noise, wMax, 0)} with a short MH: 300 iterations, 100 of them burn-in, two chains. */
    static Science mhScience(double noise, double wMax) {
        Science s = science(noise, wMax, 0);
        MhSettings mh = MhSettings.DEFAULTS.withIterations(300, 100);
        return new Science(s.globalSeed(), s.trainFraction(), s.network(), s.chip(), mh, s.bp(), s.deployment(),
                Model.CUBA, s.cuba(), null);
    }

    @Test
    void mhRunsOnTheCurrentBasedChipWithItsChipTimeAndChains() {
        Science s = mhScience(0.0, 0.4);
        Cell cell = new Cell("decalibration", 0.3, 60, Method.MH, 1);
        CellResult mh = run(s, cell);
        // every iteration of both chains runs at most the 60 training images, plus the initial state and the
        // choice of the deployed chain (one pass per chain); early rejection runs fewer
        long most = 2L * (300 + 1) * 60 + 2L * 60;
        assertTrue(mh.deployment().chipSamples() > 0 && mh.deployment().chipSamples() <= most,
                mh.deployment().chipSamples() + " of at most " + most);
        assertEquals(2L * (300 + 1) + 2, mh.deployment().chipPrograms(), "one programming per proposal and chain");
        assertEquals(2, mh.chains().count());
        assertTrue(mh.acceptanceRate() > 0 && mh.acceptanceRate() < 1, "acceptance " + mh.acceptanceRate());
        assertTrue(Double.isFinite(mh.mapTestAccuracy()) && Double.isFinite(mh.lastTestAccuracy()));
        assertTrue(mh.metric("hidden_spikes_per_image") >= 0);
        assertEquals(0.5, mh.metric("floor_accuracy"), 0.0);
        assertEquals(2 * 300 / MhSettings.DEFAULTS.traceEvery(), mh.trace().size(), "both chains' trace points");

        CellResult late = new CellRunner(s, data, Clock.systemUTC(), false).run(cell);
        assertEquals(mh.testAccuracy(), late.testAccuracy(), 0.0, "early rejection leaves the chain as it was");
        assertEquals(mh.trace(), late.trace());
        assertTrue(late.deployment().chipSamples() >= mh.deployment().chipSamples());
        assertEquals(most, late.deployment().chipSamples(), "without early rejection every image every time");
    }

    @Test
    void mhOnANoisyChipRunsEveryImageAndIsRepeatable() {
        Science s = mhScience(0.05, 0.4);
        Cell cell = new Cell("decalibration", 0.0, 60, Method.MH, 2);
        CellResult a = run(s, cell);
        CellResult b = run(s, cell);
        assertEquals(2L * (300 + 1) * 60 + 2L * 60, a.deployment().chipSamples(), "a noisy chip is not early-rejected");
        assertEquals(a.testAccuracy(), b.testAccuracy(), 0.0);
        assertEquals(a.trace(), b.trace());
    }

    @Test
    void aLifMethodInACubaJobFailsAsARow() {
        CellResult r = new CellRunner(science(0, 0, 0), data, Clock.systemUTC()).run(new Cell("none", 0.0, 60, Method.BP, 0));
        assertEquals(CellResult.Status.FAILED, r.status());
        assertTrue(r.error().contains("does not apply to model cuba"), r.error());
    }
}
