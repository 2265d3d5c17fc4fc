package io.expertize.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Clipping scales all gradients together so their joint norm is the maximum; below it, nothing changes. */
class GlobalNormClipTest {

  private static float[] run(OptionalDouble maxNorm, float[] a, float[] b, float[] normOut) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      List<Operand<TFloat32>> grads = List.of(tf.constant(a), tf.constant(new float[][] {b}));
      GlobalNormClip clip = GlobalNormClip.apply(tf, grads, maxNorm);
      try (Result r = s.runner().fetch(clip.gradients().get(0)).fetch(clip.gradients().get(1)).fetch(clip.norm()).run()) {
        TFloat32 x = (TFloat32) r.get(0);
        TFloat32 y = (TFloat32) r.get(1);
        normOut[0] = ((TFloat32) r.get(2)).getFloat();
        return new float[] {x.getFloat(0), x.getFloat(1), y.getFloat(0, 0), y.getFloat(0, 1)};
      }
    }
  }

  @Test
  void scalesToTheMaximumNormAcrossAllTensors() {
    float[] norm = new float[1];
    float[] clipped = run(OptionalDouble.of(1.0), new float[] {3, 0}, new float[] {0, 4}, norm); // joint norm 5
    assertThat(norm[0]).isCloseTo(5f, within(1e-6f));
    assertThat(clipped[0]).isCloseTo(0.6f, within(1e-5f));
    assertThat(clipped[3]).isCloseTo(0.8f, within(1e-5f));
  }

  @Test
  void leavesSmallGradientsAloneAndNoBoundDisablesClipping() {
    float[] norm = new float[1];
    assertThat(run(OptionalDouble.of(10.0), new float[] {3, 0}, new float[] {0, 4}, norm)).containsExactly(3f, 0f, 0f, 4f);
    assertThat(run(OptionalDouble.empty(), new float[] {30, 0}, new float[] {0, 40}, norm)).containsExactly(30f, 0f, 0f, 40f);
    assertThat(norm[0]).isCloseTo(50f, within(1e-4f));
  }
}
