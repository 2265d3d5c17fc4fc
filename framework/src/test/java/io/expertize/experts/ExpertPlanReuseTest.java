package io.expertize.experts;

import static org.assertj.core.api.Assertions.assertThat;

import io.expertize.annotations.Scheme;
import io.expertize.graph.ModuleTree;
import io.expertize.graph.VariableStore;
import io.expertize.testing.ExpertMlp;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.op.Ops;

/**
 * One plan serves several graphs in turn (a run trains, then evaluates or exports in new graphs):
 * declaring it into a new graph replaces the old graph's expert variables instead of adding to them.
 */
class ExpertPlanReuseTest {
  @Test
  void aPlanDeclaredIntoASecondGraphUsesOnlyThatGraphsVariables() {
    ExpertMlp model = new ExpertMlp(28, 7, 16, 2, false, 0, 10);
    ModuleTree tree = ModuleTree.of(model);
    ExpertPlan plan = ReflectiveExpertBuilder.build(tree, FusionOverrides.of(Scheme.MEMORY_BANK, 4));
    try (Graph first = new Graph()) {
      plan.declare(new VariableStore(Ops.create(first), 1), tree);
    }
    try (Graph second = new Graph()) {
      Ops tf = Ops.create(second);
      VariableStore variables = new VariableStore(tf, 1);
      plan.declare(variables, tree);
      assertThat(plan.sets()).allSatisfy(s -> assertThat(s.expertVariables()).hasSize(4)); // fc1, fc2: weight, bias
      // Before the fix this read the first (closed) graph's variables and threw.
      assertThat(plan.fusedParameters(tf, tree, variables)).hasSize((int) tree.params().size());
    }
  }
}
