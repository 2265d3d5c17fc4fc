package io.expertize.zoo.t5;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.ConcreteFunction;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Experiment: can TF Java 1.1.0 run greedy decoding inside the graph, the way an exported T5 must
 * answer text in, text out? A toy decoder (next token = argmax of a variable's row for the previous
 * token, which here is {@code (token + 1) mod 5}) fills a fixed buffer in a loop, once with the
 * functional While op and ConcreteFunction bodies, once with the C API's {@code Graph.whileLoop},
 * and the functional version round-trips through a SavedModel.
 *
 * <p>What it shows: loop bodies are separate graphs, so they cannot read the model's variables
 * directly. The weights enter as loop variables passed through unchanged; a T5 decoder body would
 * take every parameter that way (the framework's ParamSource maps them to the body's inputs).
 */
class GreedyLoopExperimentTest {
  private static final int V = 5;
  private static final int L = 6;

  /** Row k puts its largest logit on (k + 1) mod V. */
  private static float[][] successorTable() {
    float[][] w = new float[V][V];
    for (int k = 0; k < V; k++) {
      w[k][(k + 1) % V] = 1f;
    }
    return w;
  }

  /** One greedy step on (i, buffer [B, L], w [V, V]): buffer[:, i + 1] = argmax w[buffer[:, i]]. */
  private static List<Operand<?>> step(Ops tf, Operand<TInt32> i, Operand<TInt32> buffer, Operand<TFloat32> w) {
    Operand<TInt32> previous = tf.squeeze(tf.gather(buffer, tf.reshape(i, tf.constant(new int[] {1})), tf.constant(1)));
    Operand<TInt32> next = tf.math.argMax(tf.gather(w, previous, tf.constant(0)), tf.constant(1), TInt32.class);
    Operand<TInt32> position = tf.dtypes.cast(tf.math.equal(tf.range(tf.constant(0), tf.constant(L), tf.constant(1)),
        tf.math.add(i, tf.constant(1))), TInt32.class);
    Operand<TInt32> written = tf.math.add(tf.math.mul(buffer, tf.math.sub(tf.constant(1), position)),
        tf.math.mul(tf.expandDims(next, tf.constant(1)), position));
    return List.of(tf.math.add(i, tf.constant(1)), written, w);
  }

  private static Operand<TInt32> startBuffer(Ops tf, Operand<TInt32> start) {
    // [B] start tokens at position 0, zeros after
    return tf.pad(tf.expandDims(start, tf.constant(1)), tf.constant(new int[][] {{0, 0}, {0, L - 1}}), tf.constant(0));
  }

  private static Variable<TFloat32> weights(Ops tf) {
    Variable<TFloat32> w = tf.withName("w").variable(Shape.of(V, V), TFloat32.class);
    tf.withInitScope().assign(w, tf.withInitScope().constant(successorTable()));
    return w;
  }

  private static final int[][] EXPECTED = {{0, 1, 2, 3, 4, 0}, {2, 3, 4, 0, 1, 2}};

  @Test
  void functionalWhileWithConcreteFunctionBodiesDecodesAndSurvivesASavedModel(@TempDir Path dir) throws Exception {
    try (ConcreteFunction cond = ConcreteFunction.create(tf -> {
          Placeholder<TInt32> i = tf.placeholder(TInt32.class, Placeholder.shape(Shape.scalar()));
          Placeholder<TInt32> buffer = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, L)));
          Placeholder<TFloat32> w = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(V, V)));
          return Signature.builder().key("cond").input("i", i).input("buffer", buffer).input("w", w)
              .output("more", tf.math.less(i, tf.constant(L - 1))).build();
        });
        ConcreteFunction body = ConcreteFunction.create(tf -> {
          Placeholder<TInt32> i = tf.placeholder(TInt32.class, Placeholder.shape(Shape.scalar()));
          Placeholder<TInt32> buffer = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, L)));
          Placeholder<TFloat32> w = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(V, V)));
          List<Operand<?>> next = step(tf, i, buffer, w);
          return Signature.builder().key("body").input("i", i).input("buffer", buffer).input("w", w)
              .output("i", next.get(0)).output("buffer", next.get(1)).output("w", next.get(2)).build();
        });
        Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Placeholder<TInt32> start = tf.withName("start").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
      Variable<TFloat32> w = weights(tf);
      List<Output<?>> loop = tf.whileOp(List.of(tf.constant(0), startBuffer(tf, start), tf.identity(w)), cond, body).output();
      Operand<TInt32> decoded = tf.withName("decoded").identity(loop.get(1).expect(TInt32.class));
      s.initialize();
      try (TInt32 in = TInt32.vectorOf(0, 2); Result r = s.runner().feed(start, in).fetch(decoded).run()) {
        assertThat(T5TestGraph.rows((TInt32) r.get(0))).isEqualTo(EXPECTED);
      }

      Signature serving = Signature.builder().key("serving_default").methodName("tensorflow/serving/predict")
          .input("start", start).output("decoded", decoded).build();
      SavedModelBundle.exporter(dir.toString()).withSession(s).withFunction(SessionFunction.create(serving, s)).export();
    }
    try (SavedModelBundle bundle = SavedModelBundle.load(dir.toString(), "serve");
        TInt32 in = TInt32.vectorOf(0, 2);
        Result r = bundle.function("serving_default").call(Map.of("start", in))) {
      assertThat(T5TestGraph.rows((TInt32) r.get("decoded").orElseThrow())).isEqualTo(EXPECTED);
    }
  }

  @Test
  void graphWhileLoopOfTheCApiDecodesToo() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Placeholder<TInt32> start = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
      Variable<TFloat32> w = weights(tf);
      Output<?>[] outputs = g.whileLoop(
          new Output<?>[] {tf.constant(0).asOutput(), startBuffer(tf, start).asOutput(), tf.identity(w).asOutput()},
          (cg, in, out) -> out[0] = Ops.create(cg).math.less(in[0].expect(TInt32.class), Ops.create(cg).constant(L - 1)).asOutput(),
          (bg, in, out) -> {
            List<Operand<?>> next = step(Ops.create(bg), in[0].expect(TInt32.class), in[1].expect(TInt32.class), in[2].expect(TFloat32.class));
            for (int k = 0; k < 3; k++) {
              out[k] = next.get(k).asOutput();
            }
          },
          "greedy");
      s.initialize();
      try (TInt32 in = TInt32.vectorOf(0, 2); Result r = s.runner().feed(start, in).fetch(outputs[1]).run()) {
        assertThat(T5TestGraph.rows((TInt32) r.get(0))).isEqualTo(EXPECTED);
      }
    }
  }
}
