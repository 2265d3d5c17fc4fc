package io.expertize.zoo.deit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.expertize.graph.ForwardContext;
import io.expertize.graph.ModuleTree;
import io.expertize.graph.NamedParam;
import io.expertize.graph.VariableStore;
import io.expertize.nn.DistilledClassifier.HeadLogits;
import io.expertize.registry.ModelRegistry;
import io.expertize.zoo.vit.Pooling;
import io.expertize.zoo.vit.VitConfig;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** DeiT's distillation token and head: timm's names and shapes, both heads exposed, averaged at inference. */
class DeitModelsTest {
  private static final VitConfig TINY = VitConfig.builder().imageSize(8).patchSize(4).channels(1).numClasses(3)
      .dim(8).depth(1).heads(2).mlpRatio(2.0).build();

  @Test
  void distilledTokensAndHeadAreTimms() {
    Map<String, NamedParam> params = ModuleTree.of(ModelRegistry.discover().get("deit_tiny_distilled_patch16_224").reference())
        .params().stream().collect(Collectors.toMap(NamedParam::path, p -> p));
    assertThat(params.get("dist_token").param().dims()).containsExactly(1, 1, 192);
    assertThat(params.get("pos_embed").param().dims()).containsExactly(1, 198, 192);
    assertThat(params.get("head_dist.weight").param().dims()).containsExactly(1000, 192);
    assertThat(params).containsKeys("cls_token", "head.weight", "head_dist.bias");
  }

  @Test
  void logitsAverageTheClassAndDistillationHeads() {
    DistilledVisionTransformer deit = new DistilledVisionTransformer(TINY);
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      VariableStore variables = new VariableStore(tf, 3);
      variables.addParameters(ModuleTree.of(deit));
      ForwardContext ctx = ForwardContext.inference(tf, variables);
      var images = tf.random.randomStandardNormal(tf.constant(new int[] {2, 8, 8, 1}), TFloat32.class);
      HeadLogits heads = deit.headLogits(ctx, images);
      var averaged = deit.logits(ctx, images);
      s.initialize();
      try (Result r = s.runner().fetch(heads.classHead()).fetch(heads.distillationHead()).fetch(averaged).run()) {
        TFloat32 cls = (TFloat32) r.get(0);
        TFloat32 dist = (TFloat32) r.get(1);
        TFloat32 avg = (TFloat32) r.get(2);
        assertThat(cls.shape()).isEqualTo(Shape.of(2, 3));
        assertThat(dist.shape()).isEqualTo(Shape.of(2, 3));
        for (int b = 0; b < 2; b++) {
          for (int c = 0; c < 3; c++) {
            assertThat(cls.getFloat(b, c)).isNotEqualTo(dist.getFloat(b, c)); // two heads, two tokens
            assertThat(avg.getFloat(b, c)).isCloseTo((cls.getFloat(b, c) + dist.getFloat(b, c)) / 2, org.assertj.core.data.Offset.offset(1e-6f));
          }
        }
      }
    }
  }

  @Test
  void distilledModelNeedsTokenPooling() {
    VitConfig avg = VitConfig.builder().imageSize(8).patchSize(4).channels(1).numClasses(3).dim(8).depth(1)
        .heads(2).mlpRatio(2.0).pooling(Pooling.AVG).build();
    assertThatThrownBy(() -> new DistilledVisionTransformer(avg)).hasMessageContaining("pooling must be TOKEN");
  }
}
