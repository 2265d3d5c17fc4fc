package io.expertize.train;

/**
 * What a run is about to do, for callbacks that display or record it. {@code params} counts the dense
 * model that is deployed, {@code trainingParams} what trains (experts, routers, weights included).
 */
public record RunInfo(
    String model, String scheme, long params, long trainingParams, long startStep, long totalSteps, int stepsPerEpoch) {}
