package io.expertize.train;

import java.util.Optional;

/**
 * Asks a running {@link Trainer} to stop after the step in progress (e.g. on Ctrl-C): it writes a
 * checkpoint at that step and ends with {@link TrainingInterruptedException}. Set from any thread.
 */
public final class StopRequest {
  private volatile String reason;

  /** Not requested yet. */
  public static StopRequest create() {
    return new StopRequest();
  }

  /** Asks to stop; {@code reason} names why, e.g. {@code SIGINT}. The first reason given is kept. */
  public void request(String reason) {
    if (this.reason == null) {
      this.reason = reason;
    }
  }

  /** Why a stop was requested, if it was. */
  public Optional<String> reason() {
    return Optional.ofNullable(reason);
  }
}
