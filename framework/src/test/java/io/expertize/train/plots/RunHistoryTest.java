package io.expertize.train.plots;

import static org.assertj.core.api.Assertions.assertThat;

import io.expertize.train.StepMetrics;
import io.expertize.train.plots.RunHistory.Loss;
import io.expertize.train.plots.RunHistory.Sample;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunHistoryTest {

  @Test
  void logStepsOnlyCountedAsCompletedStepsDiagnosticsByLayerInGraphOrder() {
    RunHistory h = new RunHistory();
    h.add(step(8, false, Map.of()));
    Map<String, float[]> d = new LinkedHashMap<>();
    d.put("stages.1.blocks.0.mlp/expert_weights", new float[] {0.5f, 0.5f});
    d.put("stages.1.blocks.0.mlp/load", new float[] {1f, 0f});
    d.put("blocks.10.mlp/expert_weights", new float[] {0.2f, 0.8f});
    d.put("blocks.10.mlp/router_entropy", new float[] {0.1f});
    h.add(step(9, true, d));

    assertThat(h.trainLoss()).containsExactly(new Loss(10, 1.0));
    Map<String, List<Sample>> weights = h.diagnostic("expert_weights");
    assertThat(weights.keySet()).containsExactly("stages.1.blocks.0.mlp", "blocks.10.mlp");
    assertThat(weights.get("blocks.10.mlp")).singleElement().satisfies(s -> {
      assertThat(s.step()).isEqualTo(10);
      assertThat(s.values()).containsExactly(0.2f, 0.8f);
    });
    assertThat(h.diagnostic("load")).containsOnlyKeys("stages.1.blocks.0.mlp");
    assertThat(h.diagnostic("router")).isEmpty(); // whole names only, not prefixes
  }

  private static StepMetrics step(long step, boolean log, Map<String, float[]> diagnostics) {
    return new StepMetrics(step, 0, 1.0, 1e-3, 1.0, 100, log, diagnostics);
  }
}
