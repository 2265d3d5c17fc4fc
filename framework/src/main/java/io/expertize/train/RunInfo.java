package io.expertize.train;

/**
 * What a run is about to do, for callbacks that display or record it. {@code params} counts the dense
 * model that is deployed, {@code trainingParams} what trains (experts, routers, weights included);
 * {@code unit} is what its training examples are (the throughput's unit).
 */
public record RunInfo(String model, String scheme, long params, long trainingParams, long startStep, long totalSteps,
    int stepsPerEpoch, ExampleUnit unit) {

  /** A run on images. */
  public RunInfo(
      String model, String scheme, long params, long trainingParams, long startStep, long totalSteps, int stepsPerEpoch) {
    this(model, scheme, params, trainingParams, startStep, totalSteps, stepsPerEpoch, ExampleUnit.IMAGES);
  }
}
