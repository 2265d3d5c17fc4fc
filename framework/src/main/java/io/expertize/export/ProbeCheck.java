package io.expertize.export;

/**
 * How far the loaded export is from the trained model on {@code inputs} probe {@code unit}s: the
 * largest absolute logit difference, and the largest absolute expected logit (the scale of rounding).
 */
record ProbeCheck(int inputs, String unit, double maxAbsDifference, double scale) {}
