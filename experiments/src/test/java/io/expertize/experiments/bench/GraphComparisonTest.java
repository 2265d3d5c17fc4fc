package io.expertize.experiments.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The graph check of {@code bench serving}, on descriptions shaped like SavedModelInspector's. */
class GraphComparisonTest {

  private static Map<String, Object> description(long parameters, Map<String, String> variables,
      Map<String, Integer> opTypes, long size) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("signatures", Map.of("serving_default", Map.of("method_name", "tensorflow/serving/predict")));
    m.put("parameters", parameters);
    m.put("variables", variables);
    m.put("op_types", opTypes);
    m.put("size_bytes", size);
    return m;
  }

  @Test
  void sameGraphWithOtherWeightsIsTheSame() {
    GraphComparison g = GraphComparison.of(
        description(42, Map.of("w", "[6, 7]"), Map.of("MatMul", 2, "Softmax", 1), 1000),
        description(42, Map.of("w", "[6, 7]"), Map.of("MatMul", 2, "Softmax", 1), 1003));
    assertThat(g.same()).isTrue();
    assertThat(g.ops()).isEqualTo(3);
    assertThat(g.opTypes()).isEqualTo(2);
    assertThat(g.variables()).isEqualTo(1);
    assertThat(g.sizeBytesB()).isEqualTo(1003);
  }

  @Test
  void namesEveryAspectThatDiffers() {
    GraphComparison g = GraphComparison.of(
        description(42, Map.of("w", "[6, 7]"), Map.of("MatMul", 2), 1000),
        description(43, Map.of("w", "[6, 7]", "b", "[1]"), Map.of("MatMul", 1, "Einsum", 1), 1000));
    assertThat(g.same()).isFalse();
    assertThat(g.differences()).containsExactly(
        "parameters: 42 vs 43", "variables: b (none) -> [1]", "op types: Einsum (none) -> 1, MatMul 2 -> 1");
  }
}
