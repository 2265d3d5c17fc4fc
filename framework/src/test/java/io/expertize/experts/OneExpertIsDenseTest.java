package io.expertize.experts;

import static org.assertj.core.api.Assertions.assertThat;

import io.expertize.annotations.Scheme;
import io.expertize.graph.ModelVariable;
import io.expertize.testing.ExpertMlp;
import io.expertize.train.AdamW;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** docs/methods.md 5.6: N = 1 is the dense model, bit for bit in variable names, shapes and outputs. */
class OneExpertIsDenseTest {
  @ParameterizedTest
  @EnumSource(value = Scheme.class, names = "DENSE", mode = EnumSource.Mode.EXCLUDE)
  void oneExpertIsTheDenseModel(Scheme scheme) {
    AdamW adam = new AdamW(0.9, 0.999, 1e-8, 0.05);
    ExpertMlp model = new ExpertMlp(14, 7, 8, 2, false, 0.1, 3);
    try (GraphHarness one = new GraphHarness(model, GraphHarness.plan(model, FusionOverrides.of(scheme, 1)), adam, 8, 3);
        GraphHarness dense = new GraphHarness(model, ExpertPlan.dense(), adam, 8, 3)) {
      assertThat(one.graph.experts.sets()).isEmpty();
      assertThat(shapes(one)).usingRecursiveComparison().isEqualTo(shapes(dense));
      for (int i = 0; i < 4; i++) {
        assertThat(one.train(1e-2)).isEqualTo(dense.train(1e-2));
      }
      assertThat(one.evalLogits()).containsExactly(dense.evalLogits());
    }
  }

  private static Map<String, long[]> shapes(GraphHarness h) {
    Map<String, long[]> out = new LinkedHashMap<>();
    for (ModelVariable v : h.graph.variables.all()) {
      out.put(v.name() + " " + v.role(), v.variable().shape().asArray());
    }
    return out;
  }
}
