package io.expertize.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.expertize.nn.LayerNorm;
import io.expertize.nn.Linear;
import io.expertize.nn.PositionEmbedding;
import org.junit.jupiter.api.Test;

/** What a module may declare: unique names, positive static shapes, a kind. */
class ParamDeclarationTest {

  static final class Declares extends Module {
    Declares(String second, long... shape) {
      param("w", ParamKind.WEIGHT, 2, 3);
      param(second, ParamKind.BIAS, shape);
    }
  }

  @Test
  void duplicateNameIsRejectedNamingTheModule() {
    assertThatThrownBy(() -> new Declares("w", 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Declares declares parameter 'w' twice");
  }

  @Test
  void nonPositiveDimensionsAreRejectedWithTheShape() {
    assertThatThrownBy(() -> new Declares("b", 3, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("parameter 'b' has a non-positive dimension: [3, 0]");
    assertThatThrownBy(() -> new Declares("b", -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("non-positive dimension: [-1]");
    assertThatThrownBy(() -> new Linear(3, -2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("positive sizes")
        .hasMessageContaining("out=-2");
  }

  @Test
  void declarationKeepsShapeKindAndOrder() {
    Declares d = new Declares("b", 3);
    assertThat(d.ownParams()).extracting(Param::localName).containsExactly("w", "b");
    Param w = d.ownParams().get(0);
    assertThat(w.dims()).containsExactly(2, 3);
    assertThat(w.size()).isEqualTo(6);
    assertThat(w.kind()).isEqualTo(ParamKind.WEIGHT);
    // dims() is a copy: callers cannot reshape a declared parameter
    w.dims()[0] = 99;
    assertThat(w.dims()).containsExactly(2, 3);
  }

  @Test
  void kindsChooseDecayAsTimm() {
    // linear / conv weights decay; biases, norm gains and embeddings do not, unless the reference decays them
    assertThat(ParamKind.WEIGHT.decayed()).isTrue();
    assertThat(ParamKind.BIAS.decayed()).isFalse();
    assertThat(ParamKind.GAIN.decayed()).isFalse();
    assertThat(ParamKind.EMBEDDING.decayed()).isFalse();
    assertThat(ParamKind.DECAYED_EMBEDDING.decayed()).isTrue();
    assertThat(new PositionEmbedding(4, 2).ownParams()).extracting(Param::kind).containsExactly(ParamKind.EMBEDDING);
    assertThat(PositionEmbedding.decayed(4, 2).ownParams()).extracting(Param::kind)
        .containsExactly(ParamKind.DECAYED_EMBEDDING);
    assertThat(new LayerNorm(3, 1e-6).ownParams()).extracting(Param::kind).containsExactly(ParamKind.GAIN, ParamKind.BIAS);
  }

  @Test
  void inferenceContextRefusesRandomness() {
    try (org.tensorflow.Graph g = new org.tensorflow.Graph()) {
      ForwardContext ctx = ForwardContext.inference(org.tensorflow.op.Ops.create(g), p -> null);
      assertThat(ctx.training()).isFalse();
      assertThatThrownBy(ctx::nextSeed)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("inference pass");
    }
  }
}
