/**
 * Data: the WDBC loader (both file layouts), the immutable {@link chipsweep.data.Dataset}, the stratified
 * pool/test {@link chipsweep.data.Split} with its nested training subsets, and min-max normalisation fitted
 * on the training subset only ({@link chipsweep.data.MinMax}, {@link chipsweep.data.Prepared}).
 * METHOD.md section 1. Labels: 1 = malignant, 0 = benign. Nothing here depends on Spark.
 */
package chipsweep.data;
