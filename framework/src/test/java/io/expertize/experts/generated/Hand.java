package io.expertize.experts.generated;

import io.expertize.annotations.Expertize;
import io.expertize.annotations.FusionScheme;
import io.expertize.annotations.Scheme;
import io.expertize.graph.Module;
import io.expertize.nn.FeedForward;

/** A model with a hand-written "generated" builder (framework tests compile without the processor). */
@FusionScheme(Scheme.STATIC)
public class Hand extends Module {
  @Expertize(experts = 2)
  final FeedForward mlp = new FeedForward(4, 8);
  /** Any module: one whose class the builder has not seen makes the framework fall back to reflection. */
  final Module extra;

  public Hand(Module extra) {
    this.extra = extra;
  }
}
