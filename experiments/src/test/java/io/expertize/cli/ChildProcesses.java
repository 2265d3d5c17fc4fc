package io.expertize.cli;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.stream.Collectors;

/**
 * The processes a command starts, for "no orphan processes" checks: the descendants of a process seen
 * while it runs (polled, since a child may be gone before anyone looks) and which of them still live.
 */
final class ChildProcesses {
  private ChildProcesses() {}

  /** The living descendants of this JVM. */
  static Set<Long> alive() {
    return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).map(ProcessHandle::pid)
        .collect(Collectors.toSet());
  }

  /** Those of {@code pids} that still run. */
  static List<Long> stillAlive(Collection<Long> pids) {
    return pids.stream().filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).toList();
  }

  /** Records the descendants of this JVM every 50 ms until stopped. */
  static Watch watch() {
    return new Watch(ProcessHandle.current());
  }

  /** Records the descendants of {@code root} every 50 ms until stopped (or until {@code root} ends). */
  static Watch watch(ProcessHandle root) {
    return new Watch(root);
  }

  private static boolean isJava(ProcessHandle h) {
    return h.info().command().map(c -> c.endsWith("/java")).orElse(false);
  }

  static final class Watch {
    private final Set<Long> seen = new ConcurrentSkipListSet<>();
    private final Set<Long> before;
    private final Thread thread;
    private volatile boolean running = true;

    private Watch(ProcessHandle root) {
      before = root.descendants().map(ProcessHandle::pid).collect(Collectors.toSet());
      thread = new Thread(() -> {
        while (running) {
          root.descendants().filter(h -> !before.contains(h.pid()) && isJava(h)).map(ProcessHandle::pid).forEach(seen::add);
          try {
            Thread.sleep(50);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "child-process-watch");
      thread.setDaemon(true);
      thread.start();
    }

    /** The Java processes seen (a `kill` the test runs is a descendant too, and not counted). */
    Set<Long> seen() {
      return Set.copyOf(seen);
    }

    void stop() throws InterruptedException {
      running = false;
      thread.interrupt();
      thread.join();
    }
  }
}
