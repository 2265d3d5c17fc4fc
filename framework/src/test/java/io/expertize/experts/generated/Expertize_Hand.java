package io.expertize.experts.generated;

import io.expertize.annotations.Scheme;
import io.expertize.experts.ExpertPlan;
import io.expertize.experts.ExpertizeField;
import io.expertize.experts.FusionOverrides;
import io.expertize.experts.FusionSettings;
import io.expertize.experts.GeneratedExpertBuilder;
import io.expertize.experts.PlanAssembly;
import io.expertize.graph.Module;
import io.expertize.graph.ModuleTree;
import java.util.Set;

/** What the processor writes for {@link Hand}, by hand. */
public final class Expertize_Hand implements GeneratedExpertBuilder {
  private static final FusionSettings SCHEME = FusionSettings.defaults(Scheme.STATIC);
  private static final ExpertizeField HAND_MLP = new ExpertizeField(Hand.class.getName() + ".mlp", 2, "all");

  @Override
  public Set<String> moduleClasses() {
    return Set.of(Hand.class.getName());
  }

  @Override
  public ExpertPlan build(ModuleTree tree, FusionOverrides overrides) {
    PlanAssembly plan = PlanAssembly.of(tree, overrides, SCHEME, Hand.class.getName());
    for (Module module : tree.modules().values()) {
      if (module instanceof Hand hand) {
        plan.read(hand, HAND_MLP, hand.mlp);
      }
    }
    return plan.build();
  }
}
