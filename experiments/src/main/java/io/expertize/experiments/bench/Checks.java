package io.expertize.experiments.bench;

/** The argument check of the bench settings: an IllegalArgumentException that the CLI shows as a usage error. */
final class Checks {
  private Checks() {}

  static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
