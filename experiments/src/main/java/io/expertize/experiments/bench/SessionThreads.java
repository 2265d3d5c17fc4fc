package io.expertize.experiments.bench;

import org.tensorflow.proto.ConfigProto;

/** Session options of a benchmark: the thread pools asked for, TF's defaults where 0. */
final class SessionThreads {
  private SessionThreads() {}

  static ConfigProto config(int intraOp, int interOp) {
    return ConfigProto.newBuilder()
        .setIntraOpParallelismThreads(intraOp)
        .setInterOpParallelismThreads(interOp)
        .build();
  }
}
