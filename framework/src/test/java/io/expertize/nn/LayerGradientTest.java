package io.expertize.nn;

import io.expertize.graph.ForwardContext;
import io.expertize.graph.Module;
import io.expertize.testing.GradientChecker;
import io.expertize.testing.LayerHarness;
import io.expertize.testing.TinyClassifier;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/**
 * Finite differences against TF's graph gradients for every layer, with respect to the input and
 * every parameter (tolerances in {@link GradientChecker}).
 */
class LayerGradientTest {

  private static void check(Module m, Shape in, boolean training,
      BiFunction<ForwardContext, Operand<TFloat32>, Operand<TFloat32>> forward) {
    try (LayerHarness h = new LayerHarness(m, in, training, forward, 1)) {
      GradientChecker.check(h);
    }
  }

  @Test
  void linearRank2AndRank3WithAndWithoutBias() {
    Linear a = new Linear(5, 3, true);
    check(a, Shape.of(4, 5), false, a::forward);
    Linear b = new Linear(5, 3, false);
    check(b, Shape.of(2, 4, 5), false, b::forward);
  }

  @Test
  void layerNorm() {
    LayerNorm n = new LayerNorm(6, 1e-6);
    check(n, Shape.of(3, 4, 6), false, n::forward);
  }

  @Test
  void rmsNorm() {
    RmsNorm n = new RmsNorm(6, 1e-6);
    check(n, Shape.of(3, 4, 6), false, n::forward);
  }

  @Test
  void feedForwardWithGeluAndWithRelu() {
    FeedForward gelu = new FeedForward(4, 8, Activation.GELU, true, 0.0);
    check(gelu, Shape.of(2, 3, 4), false, gelu::forward);
    FeedForward relu = new FeedForward(4, 8, Activation.RELU, true, 0.0);
    check(relu, Shape.of(2, 3, 4), false, relu::forward);
  }

  @Test
  void gatedFeedForward() {
    GatedFeedForward f = new GatedFeedForward(4, 6, Activation.GELU, 0.0);
    check(f, Shape.of(2, 3, 4), false, f::forward);
  }

  @Test
  void attention() {
    Attention a = new Attention(8, 2, true, 0.0, 0.0);
    check(a, Shape.of(2, 5, 8), false, a::forward);
  }

  @Test
  void patchConvAndPatchEmbedWithNorm() {
    PatchConv c = new PatchConv(2, 3, 4);
    check(c, Shape.of(2, 8, 8, 2), false, c::forward);
    PatchEmbed e = new PatchEmbed(8, 4, 2, 6, new LayerNorm(6, 1e-5));
    check(e, Shape.of(2, 8, 8, 2), false, e::forward);
  }

  @Test
  void classTokenAndPositionEmbedding() {
    TokenAndPosition m = new TokenAndPosition();
    check(m, Shape.of(2, 3, 4), false, m::forward);
  }

  @Test
  void dropoutAndDropPathInTraining() {
    Dropout d = new Dropout(0.3);
    check(d, Shape.of(4, 6), true, d::forward);
    DropPath p = new DropPath(0.5);
    check(p, Shape.of(8, 3, 2), true, p::forward);
  }

  @Test
  void embeddingTable() {
    Embedding e = new Embedding(7, 3);
    // ids derived from the (float) input by a fixed map: the table is what is checked here
    try (LayerHarness h = new LayerHarness(e, Shape.of(2, 3), false,
        (ctx, x) -> e.forward(ctx, ctx.tf().constant(new int[][] {{0, 3, 6}, {3, 1, 3}})), 1, false)) {
      GradientChecker.check(h, false);
    }
  }

  @Test
  void wholeClassifierInTraining() {
    TinyClassifier m = new TinyClassifier(8, 1, 3, 4, 6);
    check(m, Shape.of(2, 8, 8, 1), true, m::logits);
  }

  /** cls_token + pos_embed, as a ViT prepends and adds them. */
  static final class TokenAndPosition extends Module {
    final ClassToken clsToken = new ClassToken(4);
    final PositionEmbedding posEmbed = new PositionEmbedding(4, 4);

    Operand<TFloat32> forward(ForwardContext ctx, Operand<TFloat32> x) {
      return posEmbed.add(ctx, clsToken.prepend(ctx, x));
    }
  }
}
