package io.expertize.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.expertize.annotations.Scheme;
import io.expertize.annotations.ShareSchedule;
import io.expertize.config.ConfigException;
import io.expertize.config.ConfigKey;
import io.expertize.config.ExpertizeConfig;
import io.expertize.config.Keys;
import io.expertize.experts.ExpertBuilders;
import io.expertize.experts.ExpertPlan;
import io.expertize.experts.FusionOverrides;
import io.expertize.experts.Upcycling;
import io.expertize.graph.Module;
import io.expertize.graph.ModuleTree;
import io.expertize.train.io.Checkpoint;
import io.expertize.train.io.CheckpointException;
import io.expertize.train.io.CheckpointManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code fusion.*} keys as overrides of the model's annotations, the model's expert plan, and the
 * dense checkpoint a new run upcycles from.
 */
public final class ExpertsModule extends AbstractModule {

  @Provides
  FusionOverrides overrides(ExpertizeConfig c) {
    String scheme = c.get(Keys.FUSION_SCHEME);
    String schedule = c.get(Keys.FUSION_SHARE_SCHEDULE);
    return new FusionOverrides(
        scheme.equals(Keys.FROM_MODEL) ? null : Scheme.fromKey(scheme),
        positive(c.get(Keys.FUSION_EXPERTS)),
        c.get(Keys.FUSION_PLACEMENT).equals(Keys.FROM_MODEL) ? null : c.get(Keys.FUSION_PLACEMENT),
        set(c.get(Keys.FUSION_MOMENTUM)),
        flag(c, Keys.FUSION_SHARED_ROUTER),
        flag(c, Keys.FUSION_BIAS_CORRECTED_BANK),
        flag(c, Keys.FUSION_NORMALIZED_WEIGHTS),
        set(c.get(Keys.FUSION_SHARE_RATE)),
        schedule.equals(Keys.FROM_MODEL) ? null : ShareSchedule.valueOf(schedule.toUpperCase(Locale.ROOT)),
        positive(c.get(Keys.FUSION_TOP_K)),
        set(c.get(Keys.FUSION_CAPACITY_FACTOR)),
        set(c.get(Keys.FUSION_BALANCE_LOSS_WEIGHT)),
        set(c.get(Keys.FUSION_EARLY_EWA_FRACTION)));
  }

  /** Built once per run, from the model's annotations: by its generated builder when it has one. */
  @Provides
  @Singleton
  ExpertPlan plan(Module model, FusionOverrides overrides, ExpertizeConfig c) {
    return ExpertBuilders.build(ModuleTree.of(model), overrides, c.get(Keys.MODEL_FFN_INIT_MEAN_OF));
  }

  /**
   * {@code fusion.init = upcycle}: the dense checkpoint the experts start from, checked against the
   * model's parameters (names and shapes) so a bad source fails before the run directory exists. A
   * resumed run never asks for it: its own checkpoint holds the trained experts.
   */
  @Provides
  @Singleton
  Optional<Upcycling> upcycling(ExpertizeConfig c, Module model) {
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

  private static Integer positive(int v) {
    return v > 0 ? v : null;
  }

  /** The -1 sentinel means "the annotation's value". */
  private static Double set(double v) {
    return v == -1.0 ? null : v;
  }

  private static Boolean flag(ExpertizeConfig c, ConfigKey<String> key) {
    String v = c.get(key);
    return v.equals(Keys.FROM_MODEL) ? null : Boolean.valueOf(v);
  }
}
