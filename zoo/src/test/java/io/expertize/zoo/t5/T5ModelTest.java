package io.expertize.zoo.t5;

import static org.assertj.core.api.Assertions.assertThat;

import io.expertize.annotations.Scheme;
import io.expertize.experts.ExpertPlan;
import io.expertize.experts.ExpertSet;
import io.expertize.experts.FusionOverrides;
import io.expertize.experts.ReflectiveExpertBuilder;
import io.expertize.graph.ModuleTree;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt32;

/** A tiny T5 in one graph: shapes, causal decoding, encoder padding, teacher forcing, expert placement. */
class T5ModelTest {
  static final T5Config TINY = T5Models.T5_V1_1_SMALL.toBuilder().dModel(32).dFf(48).heads(4).dKv(8).layers(2).vocab(20).build();
  private static final int B = 3;
  private static final int TE = 7;
  private static final int TD = 6;
  private static T5TestGraph graph;

  @BeforeAll
  static void build() {
    graph = T5TestGraph.inference(new T5Model(TINY), TE, TD);
  }

  @AfterAll
  static void close() {
    graph.close();
  }

  private static int[][] randomIds(Random r, int rows, int cols) {
    int[][] ids = new int[rows][cols];
    for (int[] row : ids) {
      for (int i = 0; i < cols; i++) {
        row[i] = 2 + r.nextInt(TINY.vocab() - 2);
      }
    }
    return ids;
  }

  private static float[] positions(float[] logits, int row, int from, int to) {
    int v = TINY.vocab();
    return Arrays.copyOfRange(logits, (row * TD + from) * v, (row * TD + to) * v);
  }

  @Test
  void logitsAreBatchByDecoderLengthByVocab() {
    Random r = new Random(1);
    float[] logits = graph.logits(randomIds(r, B, TE), T5TestGraph.ones(B, TE), randomIds(r, B, TD));
    assertThat(graph.logits.shape().asArray()).containsExactly(-1, TD, TINY.vocab());
    assertThat(logits).hasSize(B * TD * TINY.vocab());
  }

  @Test
  void decoderPositionDoesNotSeeLaterDecoderInputs() {
    Random r = new Random(2);
    int[][] encoder = randomIds(r, B, TE);
    int[][] decoder = randomIds(r, B, TD);
    float[] before = graph.logits(encoder, T5TestGraph.ones(B, TE), decoder);
    for (int t = 0; t < TD - 1; t++) {
      int[][] changed = Arrays.stream(decoder).map(int[]::clone).toArray(int[][]::new);
      for (int[] row : changed) {
        for (int later = t + 1; later < TD; later++) {
          row[later] = 2 + (row[later] + 5) % (TINY.vocab() - 2);
        }
      }
      float[] after = graph.logits(encoder, T5TestGraph.ones(B, TE), changed);
      for (int b = 0; b < B; b++) {
        assertThat(positions(after, b, 0, t + 1)).as("row %d up to position %d", b, t)
            .containsExactly(positions(before, b, 0, t + 1));
        assertThat(positions(after, b, t + 1, TD)).as("later positions see their changed inputs")
            .isNotEqualTo(positions(before, b, t + 1, TD));
      }
    }
  }

  @Test
  void paddedEncoderTokensAreIgnored() {
    Random r = new Random(3);
    int[][] encoder = randomIds(r, B, TE);
    int[][] decoder = randomIds(r, B, TD);
    float[][] mask = T5TestGraph.ones(B, TE);
    mask[0][TE - 1] = mask[0][TE - 2] = 0;
    float[] before = graph.logits(encoder, mask, decoder);
    encoder[0][TE - 1] = 3;
    encoder[0][TE - 2] = 4;
    float[] after = graph.logits(encoder, mask, decoder);
    assertThat(after).containsExactly(before);
  }

  @Test
  void decoderReadsTheTargetsShiftedRightFromPad() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      var shifted = DecoderInputs.shiftRight(tf, tf.constant(new int[][] {{5, 6, 7, 1}, {8, 1, 0, 0}}));
      try (Result r = s.runner().fetch(shifted).run()) {
        TInt32 t = (TInt32) r.get(0);
        assertThat(new int[] {t.getInt(0, 0), t.getInt(0, 1), t.getInt(0, 2), t.getInt(0, 3)}).containsExactly(0, 5, 6, 7);
        assertThat(new int[] {t.getInt(1, 0), t.getInt(1, 1), t.getInt(1, 2), t.getInt(1, 3)}).containsExactly(0, 8, 1, 0);
      }
    }
  }

  @Test
  void annotationsMakeEveryFeedForwardOfBothStacksAMemoryBankOfFour() {
    ExpertPlan plan = ReflectiveExpertBuilder.build(ModuleTree.of(new T5Model(TINY)), FusionOverrides.none());
    assertThat(plan.scheme()).isEqualTo(Scheme.MEMORY_BANK);
    assertThat(plan.sets()).extracting(ExpertSet::path).containsExactly(
        "encoder.block.0.layer.1.DenseReluDense", "encoder.block.1.layer.1.DenseReluDense",
        "decoder.block.0.layer.2.DenseReluDense", "decoder.block.1.layer.2.DenseReluDense");
    assertThat(plan.sets()).allSatisfy(s -> assertThat(s.experts()).isEqualTo(4));
  }
}
