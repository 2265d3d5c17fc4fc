package io.expertize.experiments.cli;

import io.expertize.experiments.bench.SessionThreads;
import picocli.CommandLine.Option;

/** TensorFlow's thread pools of a bench command's sessions. */
final class TensorFlowThreads {
  @Option(names = "--intra-op", defaultValue = "0", description = "TF intra-op threads; 0 = TF default. Default: ${DEFAULT-VALUE}.")
  int intraOp;

  @Option(names = "--inter-op", defaultValue = "0", description = "TF inter-op threads; 0 = TF default. Default: ${DEFAULT-VALUE}.")
  int interOp;

  /** @throws IllegalArgumentException for a negative count */
  SessionThreads value() {
    return new SessionThreads(intraOp, interOp);
  }
}
