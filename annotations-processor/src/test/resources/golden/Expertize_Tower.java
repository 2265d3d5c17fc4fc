package fixtures.tower;

import io.expertize.annotations.Scheme;
import io.expertize.annotations.ShareSchedule;
import io.expertize.experts.ExpertPlan;
import io.expertize.experts.ExpertizeField;
import io.expertize.experts.FusionAttribute;
import io.expertize.experts.FusionOverrides;
import io.expertize.experts.FusionSettings;
import io.expertize.experts.GeneratedExpertBuilder;
import io.expertize.experts.PlanAssembly;
import io.expertize.graph.Module;
import io.expertize.graph.ModuleTree;
import java.util.Set;
import javax.annotation.processing.Generated;

/**
 * The expert plan of {@link Tower}, built without reflection. Generated from its annotations:
 * rebuild after changing them.
 */
@Generated("io.expertize.processor.ExpertizeProcessor")
public final class Expertize_Tower implements GeneratedExpertBuilder {
  private static final FusionSettings SCHEME = FusionSettings.defaults(Scheme.MEMORY_BANK)
      .with(FusionAttribute.MOMENTUM, 0.95)
      .with(FusionAttribute.SHARED_ROUTER, true)
      .with(FusionAttribute.BIAS_CORRECTED_BANK, false)
      .with(FusionAttribute.NORMALIZED_WEIGHTS, false)
      .with(FusionAttribute.SHARE_RATE, 0.3)
      .with(FusionAttribute.SHARE_SCHEDULE, ShareSchedule.LINEAR)
      .with(FusionAttribute.K, 1)
      .with(FusionAttribute.CAPACITY_FACTOR, 1.05)
      .with(FusionAttribute.BALANCE_LOSS_WEIGHT, 0.01)
      .with(FusionAttribute.EARLY_EWA_FRACTION, 0.0);

  private static final ExpertizeField BASE_BLOCK_MLP = new ExpertizeField("fixtures.tower.BaseBlock.mlp", 4, "all");

  private static final ExpertizeField TOWER_BLOCK_GATE = new ExpertizeField("fixtures.tower.TowerBlock.gate", 4, "odd");

  private static final ExpertizeField TOWER_NECKS = new ExpertizeField("fixtures.tower.Tower.necks", 2, "last-1");

  private static final Set<String> MODULE_CLASSES = Set.of("fixtures.tower.Tower", "fixtures.tower.TowerBlock");

  @Override
  public Set<String> moduleClasses() {
    return MODULE_CLASSES;
  }

  @Override
  public ExpertPlan build(ModuleTree tree, FusionOverrides overrides) {
    PlanAssembly plan = PlanAssembly.of(tree, overrides, SCHEME, "fixtures.tower.Tower");
    for (Module module : tree.modules().values()) {
      if (module instanceof BaseBlock baseBlock) {
        plan.read(baseBlock, BASE_BLOCK_MLP, baseBlock.mlp);
      }
      if (module instanceof TowerBlock towerBlock) {
        plan.read(towerBlock, TOWER_BLOCK_GATE, towerBlock.gate);
      }
      if (module instanceof Tower tower) {
        plan.read(tower, TOWER_NECKS, tower.necks);
      }
    }
    return plan.build();
  }
}
