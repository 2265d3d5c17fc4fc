package io.expertize.zoo.t5;

import io.expertize.experts.ExpertPlan;
import io.expertize.graph.ForwardContext;
import io.expertize.graph.ModelVariable;
import io.expertize.graph.ModuleTree;
import io.expertize.graph.PassRecord;
import io.expertize.graph.VariableStore;
import io.expertize.train.AdamW;
import io.expertize.train.TokenCrossEntropy;
import io.expertize.nn.Tokens;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * A T5 in a test graph: variables, an inference pass on given decoder inputs and, when asked, a
 * training step (teacher forcing on shifted targets, token cross-entropy, AdamW at a fixed rate)
 * built the way the framework's TrainingGraph builds an image classifier's.
 */
final class T5TestGraph implements AutoCloseable {
  final Graph graph = new Graph();
  final Session session;
  final Placeholder<TInt32> encoderIds;
  final Placeholder<TFloat32> encoderMask;
  final Placeholder<TInt32> decoderIds;
  final Placeholder<TInt32> targets;
  final Placeholder<TInt64> step;
  final Operand<TFloat32> logits;
  final Operand<TFloat32> loss;
  final Op trainOp;

  /** Inference only: building the optimizer is most of a build's time (each slot's name scope scans the graph). */
  static T5TestGraph inference(T5Model model, int encoderLength, int decoderLength) {
    return new T5TestGraph(model, ExpertPlan.dense(), encoderLength, decoderLength, 0);
  }

  static T5TestGraph training(T5Model model, ExpertPlan plan, int encoderLength, int decoderLength, double learningRate) {
    return new T5TestGraph(model, plan, encoderLength, decoderLength, learningRate);
  }

  private T5TestGraph(T5Model model, ExpertPlan plan, int encoderLength, int decoderLength, double learningRate) {
    Ops tf = Ops.create(graph);
    ModuleTree tree = ModuleTree.of(model);
    VariableStore variables = new VariableStore(tf, 7);
    plan.declare(variables, tree);
    encoderIds = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, encoderLength)));
    encoderMask = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, encoderLength)));
    decoderIds = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, decoderLength)));
    targets = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, decoderLength)));
    step = tf.placeholder(TInt64.class, Placeholder.shape(Shape.scalar()));

    ForwardContext inference = ForwardContext.inference(tf, variables).withOverrides(plan.overrides());
    logits = model.logits(inference, Tokens.padded(encoderIds, encoderMask), Tokens.unpadded(decoderIds));
    session = new Session(graph);
    if (learningRate <= 0) {
      loss = null;
      trainOp = null;
      session.initialize();
      return;
    }

    ForwardContext pass = ForwardContext.training(tf, variables, step, 7).withOverrides(plan.overrides());
    Operand<TFloat32> total = TokenCrossEntropy.mean(tf,
        model.logits(pass, Tokens.padded(encoderIds, encoderMask),
            Tokens.unpadded(DecoderInputs.shiftRight(tf, targets))), targets);
    PassRecord record = pass.record();
    for (Operand<TFloat32> aux : record.auxLosses().values()) {
      total = tf.math.add(total, aux);
    }
    loss = total;
    List<ModelVariable> trainable = variables.withRole(ModelVariable.Role.TRAINABLE);
    List<Operand<TFloat32>> grads = new ArrayList<>();
    for (Output<?> g : graph.addGradients(loss.asOutput(), trainable.stream().map(v -> v.read().asOutput()).toArray(Output[]::new))) {
      @SuppressWarnings("unchecked")
      Output<TFloat32> gf = (Output<TFloat32>) g;
      grads.add(gf);
    }
    Operand<TFloat32> t = tf.dtypes.cast(tf.math.add(step, tf.constant(1L)), TFloat32.class);
    List<Op> updates = new ArrayList<>(new AdamW(0.9, 0.999, 1e-8, 0.0)
        .update(tf, variables, trainable, grads, tf.constant((float) learningRate), t));
    Ops afterGrads = tf.withControlDependencyOps(grads.stream().map(g -> (org.tensorflow.Operation) g.op()).toList());
    for (PassRecord.StateUpdate u : record.stateUpdates()) {
      updates.add(afterGrads.assign(u.variable(), u.value()));
    }
    trainOp = tf.withControlDependencies(updates).noOp();
    session.initialize();
  }

  /** Inference logits {@code [B, Td, V]}, flattened. Masks of ones unless given. */
  float[] logits(int[][] encoder, float[][] mask, int[][] decoder) {
    try (TInt32 e = ids(encoder); TFloat32 m = floats(mask); TInt32 d = ids(decoder);
        Result r = session.runner().feed(encoderIds, e).feed(encoderMask, m).feed(decoderIds, d).fetch(logits).run()) {
      TFloat32 out = (TFloat32) r.get(0);
      float[] values = new float[Math.toIntExact(out.size())];
      out.asRawTensor().data().asFloats().read(values);
      return values;
    }
  }

  /** One training step on (inputs, targets); returns the loss before the update. */
  float train(long stepIndex, int[][] encoder, float[][] mask, int[][] target) {
    try (TInt32 e = ids(encoder); TFloat32 m = floats(mask); TInt32 y = ids(target); TInt64 s = TInt64.scalarOf(stepIndex);
        Result r = session.runner().feed(encoderIds, e).feed(encoderMask, m).feed(targets, y).feed(step, s)
            .addTarget(trainOp).fetch(loss).run()) {
      return ((TFloat32) r.get(0)).getFloat();
    }
  }

  static float[][] ones(int rows, int cols) {
    float[][] m = new float[rows][cols];
    for (float[] row : m) {
      Arrays.fill(row, 1f);
    }
    return m;
  }

  static TInt32 ids(int[][] rows) {
    int[] flat = Arrays.stream(rows).flatMapToInt(Arrays::stream).toArray();
    return TInt32.tensorOf(Shape.of(rows.length, rows[0].length), DataBuffers.of(flat, true, false));
  }

  static int[][] rows(TInt32 t) {
    int[][] out = new int[(int) t.shape().get(0)][(int) t.shape().get(1)];
    for (int b = 0; b < out.length; b++) {
      for (int j = 0; j < out[b].length; j++) {
        out[b][j] = t.getInt(b, j);
      }
    }
    return out;
  }

  private static TFloat32 floats(float[][] rows) {
    float[] flat = new float[rows.length * rows[0].length];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, flat, i * rows[0].length, rows[0].length);
    }
    return TFloat32.tensorOf(Shape.of(rows.length, rows[0].length), DataBuffers.of(flat, true, false));
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
