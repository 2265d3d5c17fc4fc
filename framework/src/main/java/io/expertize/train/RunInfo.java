package io.expertize.train;

/** What a run is about to do, for callbacks that display or record it. */
public record RunInfo(String model, String scheme, long params, long startStep, long totalSteps, int stepsPerEpoch) {}
