package io.expertize.annotations;

/** How EWA's share rate β evolves over training. */
public enum ShareSchedule {
  /** From 0 at the start to the share rate at the last step (EWA's default). */
  LINEAR,
  /** The share rate at every step. */
  CONSTANT
}
