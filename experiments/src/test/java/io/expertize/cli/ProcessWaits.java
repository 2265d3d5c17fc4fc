package io.expertize.cli;

import java.util.function.BooleanSupplier;

/** Signals and polls for the CLI processes of the tests ({@link CliProcess}, {@link LauncherProcess}). */
final class ProcessWaits {
  private ProcessWaits() {}

  /** {@code kill -SIGNAL pid}. */
  static void signal(Process process, String signal) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start();
    if (kill.waitFor() != 0) {
      throw new AssertionError("kill -" + signal + " " + process.pid() + " failed");
    }
  }

  /** Polls {@code condition} every 20 ms while {@code process} lives; true once it holds. */
  static boolean await(Process process, BooleanSupplier condition, int seconds) throws InterruptedException {
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    while (System.nanoTime() < end) {
      if (condition.getAsBoolean()) {
        return true;
      }
      if (!process.isAlive()) {
        return condition.getAsBoolean();
      }
      Thread.sleep(20);
    }
    return false;
  }
}
