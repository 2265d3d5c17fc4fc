package io.expertize.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.expertize.graph.ModuleTree;
import io.expertize.graph.NamedParam;
import io.expertize.testing.GradientChecker;
import io.expertize.testing.Reference;
import io.expertize.testing.Tf;
import io.expertize.testing.Tf.ParamValues;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FeedForwardTest {
  private static final double RTOL = 5e-3;

  @Test
  void forwardIsFc2OfGeluOfFc1() {
    FeedForward ffn = new FeedForward(4, 6);
    ParamValues pv = ParamValues.random(ffn, 1, 0.5);
    float[] x = Tf.normal(new Random(2), 2 * 3 * 4, 1.0);
    Tf.Values y = Tf.eval(tf -> ffn.forward(pv.inference(tf), Tf.constant(tf, x, 2, 3, 4)));

    Linear fc1 = ffn.projections().get(0);
    Linear fc2 = ffn.projections().get(1);
    double[] h = Reference.linear(Reference.toDouble(x), 6, 4, pv.get(fc1.weight()), pv.get(fc1.bias()), 6);
    for (int i = 0; i < h.length; i++) {
      h[i] = Reference.gelu(h[i]);
    }
    double[] expected = Reference.linear(h, 6, 6, pv.get(fc2.weight()), pv.get(fc2.bias()), 4);
    assertThat(y.shape()).containsExactly(2, 3, 4);
    assertThat(Tf.maxAbsDiff(y.data(), expected)).isLessThanOrEqualTo(1e-5);
  }

  @Test
  void pathsAreTimmMlp() {
    FeedForward ffn = new FeedForward(FeedForwardOptions.builder().dim(4).hidden(6).dropout(0.1).build());
    assertThat(ModuleTree.of(ffn).params())
        .extracting(NamedParam::path)
        .containsExactly("fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias");
  }

  @Test
  void withoutBiasesHoldsOnlyWeights() {
    FeedForward ffn = new FeedForward(FeedForwardOptions.builder().dim(4).hidden(6).bias(false).build());
    assertThat(ModuleTree.of(ffn).params()).extracting(NamedParam::path).containsExactly("fc1.weight", "fc2.weight");
  }

  @Test
  void optionsNameWhatIsMissingOrOutOfRange() {
    assertThatThrownBy(() -> FeedForwardOptions.builder().dim(4).build()).hasMessageContaining("[hidden]");
    assertThatThrownBy(() -> new FeedForward(4, 0)).hasMessageContaining("positive widths, got dim=4, hidden=0");
    assertThatThrownBy(() -> FeedForwardOptions.builder().dim(4).hidden(6).dropout(1).build())
        .hasMessageContaining("dropout must be in [0, 1), got 1.0");
  }

  @Test
  void gradientsGelu() {
    FeedForward ffn = new FeedForward(4, 6);
    GradientChecker.of(ffn).input(2, 3, 4).forward(ffn::forward).rtol(RTOL).check();
  }

  @Test
  void gradientsWithDropoutInTraining() {
    // Both dropouts active; the fixed step makes the masks repeat across the difference runs.
    FeedForward ffn = new FeedForward(FeedForwardOptions.builder().dim(4).hidden(6).dropout(0.25).build());
    GradientChecker.of(ffn).input(2, 3, 4).forward(ffn::forward).training(11, 3).rtol(RTOL).check();
  }
}
