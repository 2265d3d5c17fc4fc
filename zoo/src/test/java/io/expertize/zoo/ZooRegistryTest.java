package io.expertize.zoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.expertize.annotations.Scheme;
import io.expertize.data.Normalization;
import io.expertize.experts.ExpertBuilders;
import io.expertize.experts.ExpertPlan;
import io.expertize.experts.FusionOverrides;
import io.expertize.experts.ReflectiveExpertBuilder;
import io.expertize.export.DenseExporter;
import io.expertize.export.ExportResult;
import io.expertize.export.ExportSource;
import io.expertize.export.ExportTarget;
import io.expertize.graph.ForwardContext;
import io.expertize.graph.ModuleTree;
import io.expertize.graph.VariableStore;
import io.expertize.nn.FeedForwardNetwork;
import io.expertize.nn.ImageClassifier;
import io.expertize.registry.ModelRegistry;
import io.expertize.registry.ModelRequest;
import io.expertize.train.io.Checkpoint;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.Graph;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Every registered model at a tiny size: the annotations alone give memory-bank experts (4 per FFN,
 * every block), through the processor's generated builder (same plan as the reflective one), the
 * logits have the right shape, one training step runs with the experts and
 * dense (fusion.scheme=dense), and the expert model exports to a dense SavedModel that computes what
 * it computed. Named configs that differ only in what the tiny request overrides
 * (pvt_tiny .. pvt_large) build the same graph, which trains once.
 */
class ZooRegistryTest {
  private static final ModelRegistry REGISTRY = ModelRegistry.discover();
  private static final int BATCH = 2;
  private static final int CLASSES = 5;
  private static final Set<String> TRAINED = ConcurrentHashMap.newKeySet();

  @TempDir Path tmp;

  /** The image models; T5 (text to text) has its own tests (T5CliEndToEndTest: train, export, serve). */
  static Stream<String> models() {
    return REGISTRY.all().keySet().stream().filter(n -> !n.startsWith("t5") && !n.startsWith("byt5"));
  }

  /** 16x16x3 images; per family, overrides that keep every stage valid (Swin and PVT keep all 4 stages). */
  private static ModelRequest tiny(String model) {
    String family = model.substring(0, model.indexOf('_'));
    return switch (family) {
      case "vit", "deit" -> new ModelRequest(16, 3, CLASSES, 8, 16, 2, 2, 0, -1, -1);
      case "pvt" -> new ModelRequest(16, 3, CLASSES, 2, 8, 1, 1, 0, -1, -1);
      case "swin" -> new ModelRequest(16, 3, CLASSES, 2, 8, 2, 1, 0, -1, -1, 2, List.of());
      default -> fail("no tiny request for the family of " + model + ": add one here");
    };
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void trainsOneStepWithMemoryBankExpertsAndDense(String name) {
    ImageClassifier model = REGISTRY.get(name).createImageClassifier(tiny(name));
    ModuleTree tree = ModuleTree.of(model);
    long ffns = tree.modules().values().stream().filter(FeedForwardNetwork.class::isInstance).count();

    assertThat(ExpertBuilders.generatedFor(tree)).as("the annotation processor's builder is used").isPresent();
    ExpertPlan annotated = ExpertBuilders.build(tree, FusionOverrides.none());
    assertThat(annotated.describe()).isEqualTo(ReflectiveExpertBuilder.build(tree, FusionOverrides.none()).describe());
    assertThat(annotated.scheme()).isEqualTo(Scheme.MEMORY_BANK);
    assertThat(annotated.fields()).allSatisfy(f -> assertThat(f.experts()).isEqualTo(4));
    assertThat(annotated.sets()).hasSize((int) ffns);
    assertThat(inferredLogitsShape(model, tree).asArray()).containsExactly(-1, CLASSES);
    if (TRAINED.add(structure(model, tree))) {
      Checkpoint trained = assertTrainsOneStep(model, annotated, tmp.resolve("checkpoints"));
      assertTrainsOneStep(model, ExpertBuilders.build(tree, FusionOverrides.of(Scheme.DENSE, 1)), null);
      assertExportsExactly(name, model, annotated, trained);
    }
  }

  /**
   * The export round trip: the memory-bank model, fused into a dense SavedModel and loaded back
   * through TF's loader, gives the unfused model's logits (the exporter compares them on probe
   * images and refuses to write beyond float rounding) with the dense model's parameter count.
   */
  private void assertExportsExactly(String name, ImageClassifier model, ExpertPlan plan, Checkpoint trained) {
    ExportResult result = DenseExporter.export(new ExportSource(name, model, plan, Normalization.identity(3), trained),
        ExportTarget.resolve(tmp.resolve("exports"), name, OptionalLong.empty(), false), false);
    assertThat(result.exact()).isTrue();
    assertThat(result.maxAbsDifference()).isLessThanOrEqualTo(1e-5);
    assertThat(result.parameters()).isEqualTo(ModuleTree.of(model).parameterCount());
  }

  /** The logits' static shape, from TF's shape inference alone (no session). */
  private static Shape inferredLogitsShape(ImageClassifier model, ModuleTree tree) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      VariableStore variables = new VariableStore(tf, 1);
      variables.addParameters(tree);
      var images = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 16, 16, 3)));
      return model.logits(ForwardContext.inference(tf, variables), images).shape();
    }
  }

  private static String structure(ImageClassifier model, ModuleTree tree) {
    return model.getClass().getName() + tree.params().stream()
        .map(p -> p.path() + Arrays.toString(p.param().dims())).collect(Collectors.joining(","));
  }

  private static Checkpoint assertTrainsOneStep(ImageClassifier model, ExpertPlan plan, Path checkpoints) {
    OneTrainingStep step = OneTrainingStep.run(model, plan, BATCH, checkpoints);
    assertThat(step.loss()).isFinite().isBetween(0.5f, 4f); // ~ln 5 at initialisation
    assertThat(step.logitsShape()).isEqualTo(Shape.of(BATCH, CLASSES));
    return step.checkpoint();
  }
}
