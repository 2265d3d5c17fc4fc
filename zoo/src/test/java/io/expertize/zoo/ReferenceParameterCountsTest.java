package io.expertize.zoo;

import static org.assertj.core.api.Assertions.assertThat;

import io.expertize.graph.ModuleTree;
import io.expertize.registry.ModelRegistry;
import io.expertize.graph.ForwardContext;
import io.expertize.graph.ModelVariable;
import io.expertize.graph.VariableStore;
import io.expertize.nn.ImageClassifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Every vision model of the zoo (docs/zoo.md) at its reference settings (224x224, 3
 * channels, 1000 classes) has the reference implementation's exact parameter count. Counted from the
 * declared shapes: no graph, no memory for the weights; one real Swin-B graph cross-checks the counter.
 */
class ReferenceParameterCountsTest {
  private static final ModelRegistry REGISTRY = ModelRegistry.discover();

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
      "vit_tiny_patch16_224,             5717416",
      "vit_small_patch16_224,            22050664",
      "vit_base_patch16_224,             86567656",
      "deit_tiny_patch16_224,            5717416",
      "deit_small_patch16_224,           22050664",
      "deit_tiny_distilled_patch16_224,  5910800",
      "deit_small_distilled_patch16_224, 22436432",
      "pvt_tiny,                         13229288",
      "pvt_small,                        24485864",
      "pvt_medium,                       44208104",
      "pvt_large,                        61369320",
      "swin_tiny_patch4_window7_224,     28288354",
      "swin_small_patch4_window7_224,    49606258",
      "swin_base_patch4_window7_224,     87768224",
  })
  void countEqualsTheReference(String model, long params) {
    assertThat(ModuleTree.of(REGISTRY.get(model).reference()).parameterCount()).isEqualTo(params);
  }

  /** The counter against a real graph: Swin-B's variables allocated and initialised, one image classified. */
  @Test
  void realSwinBaseGraphHoldsTheCountedParameters() {
    ImageClassifier swinB = (ImageClassifier) REGISTRY.get("swin_base_patch4_window7_224").reference();
    try (Graph g = new Graph(); Session s = OneShotSession.open(g)) {
      Ops tf = Ops.create(g);
      VariableStore variables = new VariableStore(tf, 1);
      variables.addParameters(ModuleTree.of(swinB));
      Operand<TFloat32> logits = swinB.logits(ForwardContext.inference(tf, variables), tf.zeros(tf.constant(new int[] {1, 224, 224, 3}), TFloat32.class));
      s.initialize();
      try (Result r = s.runner().fetch(logits).run()) {
        assertThat(r.get(0).shape()).isEqualTo(Shape.of(1, 1000));
      }
      assertThat(variables.all().stream().mapToLong(ModelVariable::size).sum()).isEqualTo(87_768_224L);
    }
  }
}
