package io.expertize.experiments.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.expertize.graph.ForwardContext;
import io.expertize.nn.ConfiguredImageClassifier;
import io.expertize.nn.ImageClassifier;
import io.expertize.nn.ImageClassifierSpec;
import io.expertize.testing.TinyClassifier;
import io.expertize.testing.TinyVit;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;
import org.junit.jupiter.api.Test;

/** The analytic FLOP count against sums done by hand. */
class FlopCounterTest {

  @Test
  void linearIsTwoFlopsPerMultiplyAdd() {
    // [3, 4] x [4, 5]: 60 multiply-adds
    assertThat(FlopCounter.linear(3, 4, 5)).isEqualTo(120);
  }

  @Test
  void tinyVitByHand() {
    // 8x8x3 images, patch 4: 4 patches + class token = 5 tokens; dim 16, 2 heads, hidden 32, 5 classes, 2 blocks
    FlopCount f = FlopCounter.forward(new TinyVit(8, 4, 3, 5, 16, 2, 2, 32));
    assertThat(f.tokens()).isEqualTo(5);
    assertThat(f.perImageByTerm()).containsExactly(
        Map.entry("patch_embed", 2L * 4 * (3 * 4 * 4) * 16), // 4 patches x [48 -> 16] = 6144
        Map.entry("qkv", 2 * (2L * 5 * 16 * 48)),           // 15360
        Map.entry("attn_scores", 2 * (2L * 5 * 5 * 16)),    // q k^T over all heads: 1600
        Map.entry("attn_values", 2 * (2L * 5 * 5 * 16)),    // attn v: 1600
        Map.entry("proj", 2 * (2L * 5 * 16 * 16)),          // 5120
        Map.entry("fc1", 2 * (2L * 5 * 16 * 32)),           // 10240
        Map.entry("fc2", 2 * (2L * 5 * 32 * 16)),           // 10240
        Map.entry("head", 2L * 16 * 5));                    // class token only: 160
    assertThat(f.forwardPerImage()).isEqualTo(50_464);
    assertThat(f.forward(10)).isEqualTo(504_640.0);
    assertThat(f.training(10)).isEqualTo(3 * 504_640.0);
  }

  @Test
  void modelWithoutAttentionCountsItsLinearsPerToken() {
    // 28x28x1, patch 7: 16 tokens, dim 32, FFN 64, mean-pooled head to 10 classes
    FlopCount f = FlopCounter.forward(new TinyClassifier(28, 1, 10, 7, 32));
    assertThat(f.tokens()).isEqualTo(16);
    assertThat(f.perImageByTerm()).containsExactly(
        Map.entry("patch_embed", 2L * 16 * 49 * 32),
        Map.entry("fc1", 2L * 16 * 32 * 64),
        Map.entry("fc2", 2L * 16 * 64 * 32),
        Map.entry("head", 2L * 32 * 10));
  }

  @Test
  void modelWithoutPatchEmbeddingIsRefused() {
    ImageClassifier noPatches = new ConfiguredImageClassifier<>(ImageClassifierSpec.of(8, 1, 2)) {
      @Override
      public Operand<TFloat32> logits(ForwardContext ctx, Operand<TFloat32> images) {
        return images;
      }
    };
    assertThatThrownBy(() -> FlopCounter.forward(noPatches)).hasMessageContaining("no PatchEmbed");
  }
}
