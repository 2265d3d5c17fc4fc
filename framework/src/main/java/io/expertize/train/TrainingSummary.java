package io.expertize.train;

/** The result of a run, written to summary.json. */
public record TrainingSummary(
    String model, String scheme, long params, long steps, int epochs, double evalTop1,
    double imagesPerSec, double trainSeconds, String checkpoint) {}
