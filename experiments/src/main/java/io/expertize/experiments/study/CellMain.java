package io.expertize.experiments.study;

import io.expertize.cli.Main;
import java.time.Instant;
import java.util.Optional;

/**
 * The main class of a cell's child JVM: exactly {@code expertize ARGS} ({@link Main#run}), plus a watch
 * on the runner. A runner killed outright (SIGKILL, a lost session) cannot stop its children, so each
 * child stops itself within a second of its runner's end; the next runner resumes the cell from its
 * last checkpoint.
 */
public final class CellMain {
  /** System property naming the runner's pid. */
  static final String RUNNER_PID = "expertize.study.runner";
  /** Exit code of a child that stopped because its runner is gone. */
  static final int RUNNER_GONE = 143;

  private CellMain() {}

  public static void main(String[] args) {
    String runner = System.getProperty(RUNNER_PID);
    if (runner != null) {
      watch(Long.parseLong(runner));
    }
    System.exit(Main.run(args));
  }

  private static void watch(long pid) {
    Optional<ProcessHandle> handle = ProcessHandle.of(pid);
    Optional<Instant> started = handle.flatMap(h -> h.info().startInstant());
    Thread watcher = new Thread(() -> {
      while (handle.map(h -> h.isAlive() && h.info().startInstant().equals(started)).orElse(false)) {
        try {
          Thread.sleep(500);
        } catch (InterruptedException e) {
          return;
        }
      }
      System.err.println("study cell: the runner (pid " + pid + ") is gone; stopping (the next runner resumes this cell)");
      Runtime.getRuntime().halt(RUNNER_GONE);
    }, "study-runner-watch");
    watcher.setDaemon(true);
    watcher.start();
  }
}
