package io.expertize.train;

/**
 * Linear warm-up from 0 to the peak rate over {@code warmupSteps}, then cosine decay to
 * {@code minLr} at {@code totalSteps}. A pure function of the step, so a resumed run needs no
 * scheduler state.
 */
public record LearningRateSchedule(double peakLr, double minLr, long warmupSteps, long totalSteps) {

  public LearningRateSchedule {
    if (totalSteps <= 0) {
      throw new IllegalArgumentException("total steps must be positive, got " + totalSteps);
    }
    if (warmupSteps < 0 || minLr < 0 || peakLr <= 0) {
      throw new IllegalArgumentException("invalid schedule: peak " + peakLr + ", min " + minLr + ", warm-up " + warmupSteps);
    }
  }

  /** The rate used by the update of 0-based {@code step}. */
  public double at(long step) {
    if (step < warmupSteps) {
      return peakLr * (step + 1) / warmupSteps;
    }
    long decaySteps = Math.max(1, totalSteps - warmupSteps);
    double progress = Math.min(1.0, (double) (step - warmupSteps) / decaySteps);
    return minLr + 0.5 * (peakLr - minLr) * (1 + Math.cos(Math.PI * progress));
  }
}
