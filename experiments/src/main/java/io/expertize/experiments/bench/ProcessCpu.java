package io.expertize.experiments.bench;

import java.lang.management.ManagementFactory;

/**
 * CPU time of this process, all threads. A calling thread's own CPU time would miss the work: TF
 * runs ops on its native intra- and inter-op pools. On Linux it ticks in 10 ms, so time spans of
 * a few hundred milliseconds or more.
 */
final class ProcessCpu {
  private ProcessCpu() {}

  static long nanos() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    throw new IllegalStateException("this JVM does not report process CPU time (com.sun.management)");
  }
}
