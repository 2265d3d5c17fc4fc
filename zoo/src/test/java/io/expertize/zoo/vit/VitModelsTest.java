package io.expertize.zoo.vit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.expertize.graph.ModuleTree;
import io.expertize.graph.NamedParam;
import io.expertize.nn.DropPath;
import io.expertize.registry.ModelRegistry;
import io.expertize.registry.ModelRequest;
import io.expertize.train.AdamW;
import io.expertize.train.ImageClassificationGraph;
import io.expertize.train.TrainingGraph;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/** The named ViTs: timm's names (counts: ReferenceParameterCountsTest), registry discovery, shape errors, one training step. */
class VitModelsTest {
  private final ModelRegistry registry = ModelRegistry.discover();

  @Test
  void parameterNamesAreTimms() {
    assertThat(ModuleTree.of(registry.get("vit_tiny_patch16_224").reference()).params())
        .extracting(NamedParam::path)
        .startsWith("patch_embed.proj.weight", "patch_embed.proj.bias", "cls_token", "pos_embed",
            "blocks.0.norm1.weight", "blocks.0.norm1.bias", "blocks.0.attn.qkv.weight", "blocks.0.attn.qkv.bias",
            "blocks.0.attn.proj.weight", "blocks.0.attn.proj.bias", "blocks.0.norm2.weight", "blocks.0.norm2.bias",
            "blocks.0.mlp.fc1.weight", "blocks.0.mlp.fc1.bias", "blocks.0.mlp.fc2.weight", "blocks.0.mlp.fc2.bias")
        .endsWith("norm.weight", "norm.bias", "head.weight", "head.bias");
  }

  /** timm's linspace(0, rate, depth) per block, as PVT and Swin: a lone block drops nothing. */
  @Test
  void stochasticDepthGrowsLinearlyFromZeroAsInTimm() {
    assertThat(dropPathRates(1)).containsExactly(0.0, 0.0);
    assertThat(dropPathRates(3)).containsExactly(0.0, 0.0, (double) 0.05f, (double) 0.05f, (double) 0.1f, (double) 0.1f);
    assertThat(DropPath.linearRate(0.1, 0, 1)).isZero();
  }

  /** Both drop paths of every block, in model order, for a ViT with drop-path rate 0.1. */
  private static java.util.List<Double> dropPathRates(int depth) {
    VitConfig c = VitConfig.builder().imageSize(28).patchSize(7).channels(1).numClasses(10).dim(16).depth(depth)
        .heads(2).mlpRatio(2.0).dropPath(0.1).build();
    return ModuleTree.of(new VisionTransformer(c)).modules().values().stream()
        .filter(DropPath.class::isInstance).map(m -> ((DropPath) m).rate()).toList();
  }

  @Test
  void averagePoolingSwapsTheFinalNormForFcNormWithTheSameCount() {
    VitConfig avg = VitModels.QUICKSTART;
    VitConfig token = VitConfig.builder().imageSize(28).patchSize(7).channels(1).numClasses(10).dim(128)
        .depth(4).heads(4).build();
    assertThat(ModuleTree.of(new VisionTransformer(token)).parameterCount())
        .isEqualTo(ModuleTree.of(new VisionTransformer(avg)).parameterCount());
    assertThat(ModuleTree.of(new VisionTransformer(avg)).params()).extracting(NamedParam::path)
        .contains("fc_norm.weight").doesNotContain("norm.weight");
    assertThat(ModuleTree.of(new VisionTransformer(token)).params()).extracting(NamedParam::path)
        .contains("norm.weight").doesNotContain("fc_norm.weight");
  }

  @Test
  void invalidShapesNameTheConstraint() {
    assertThatThrownBy(() -> registry.get("vit_small_patch16_224").create(ModelRequest.of(28, 1, 10)))
        .hasMessageContaining("image size 28").hasMessageContaining("patch size 16");
    assertThatThrownBy(() -> registry.get("vit_quickstart").create(
        ModelRequest.builder().images(28, 1, 10).dim(100).heads(3).build()))
        .hasMessageContaining("width 100").hasMessageContaining("head count 3");
  }

  @Test
  void quickstartModelTakesATrainingStepAndEvaluates() {
    VisionTransformer vit = (VisionTransformer) registry.get("vit_quickstart").create(
        ModelRequest.builder().images(28, 1, 10).dim(32).depth(2).heads(2).dropPath(0.1).build());
    try (TrainingGraph<ImageClassificationGraph> g = TrainingGraph.build(vit, 1, new TrainingGraph.StepSettings(new AdamW(0.9, 0.999, 1e-8, 0.05), OptionalDouble.of(1.0)));
        Session s = new Session(g.graph)) {
      s.initialize();
      float[] targets = new float[4 * 10];
      for (int i = 0; i < 4; i++) {
        targets[i * 10 + i] = 1f;
      }
      try (TFloat32 x = TFloat32.tensorOf(Shape.of(4, 28, 28, 1), org.tensorflow.ndarray.buffer.DataBuffers.of(new float[4 * 28 * 28], true, false));
          TFloat32 y = TFloat32.tensorOf(Shape.of(4, 10), org.tensorflow.ndarray.buffer.DataBuffers.of(targets, true, false));
          TInt64 step = TInt64.scalarOf(0);
          TFloat32 lr = TFloat32.scalarOf(1e-3f);
          Result r = s.runner().feed(g.task.images, x).feed(g.task.targets, y).feed(g.step, step).feed(g.learningRate, lr)
              .addTarget(g.trainOp).fetch(g.loss).run();
          Result e = s.runner().feed(g.task.images, x).fetch(g.task.evalLogits).run()) {
        assertThat(((TFloat32) r.get(0)).getFloat()).isBetween(1.5f, 3.5f); // ~ln 10 at initialisation
        assertThat(e.get(0).shape()).isEqualTo(Shape.of(4, 10));
      }
    }
  }
}
