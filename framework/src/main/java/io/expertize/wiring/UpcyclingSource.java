package io.expertize.wiring;

import io.expertize.config.ConfigException;
import io.expertize.config.ExpertizeConfig;
import io.expertize.config.Keys;
import io.expertize.experts.Upcycling;
import io.expertize.graph.Module;
import io.expertize.graph.ModuleTree;
import io.expertize.train.io.Checkpoint;
import io.expertize.train.io.CheckpointException;
import io.expertize.train.io.CheckpointManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code fusion.init = upcycle}: the dense checkpoint the experts start from ({@code fusion.upcycle-from}),
 * checked against the model's parameters (names and shapes) so a bad source fails before the run
 * directory exists; {@code fusion.init = scratch} refuses the upcycling keys it would ignore.
 */
final class UpcyclingSource {
  private UpcyclingSource() {}

  static Optional<Upcycling> of(ExpertizeConfig c, Module model) {
    String from = c.get(Keys.FUSION_UPCYCLE_FROM);
    double noise = c.get(Keys.FUSION_UPCYCLE_NOISE);
    if (c.get(Keys.FUSION_INIT).equals("scratch")) {
      List<String> unused = new ArrayList<>();
      if (!from.isEmpty()) {
        unused.add("fusion.upcycle-from = " + from + " is set but fusion.init = scratch: set fusion.init=upcycle "
            + "to start the experts from that checkpoint, or leave fusion.upcycle-from empty");
      }
      if (noise != 0) {
        unused.add("fusion.upcycle-noise = " + noise + " applies only with fusion.init=upcycle; leave it at 0 "
            + "to start from scratch");
      }
      if (!unused.isEmpty()) {
        throw new ConfigException(unused);
      }
      return Optional.empty();
    }
    if (from.isBlank()) {
      throw new ConfigException("fusion.upcycle-from: fusion.init = upcycle needs the dense run to start from: "
          + "a run directory (its newest checkpoint) or a checkpoint directory ckpt-<step>, of the same model "
          + "trained with fusion.scheme=dense");
    }
    Checkpoint source;
    try {
      source = CheckpointManager.find(Path.of(from));
    } catch (CheckpointException e) {
      throw new ConfigException("fusion.upcycle-from: " + e.getMessage());
    }
    Upcycling upcycling = new Upcycling(source.path(), source.variablesPrefix(), noise);
    upcycling.check(ModuleTree.of(model));
    return Optional.of(upcycling);
  }
}
