package io.expertize.experts;

import io.expertize.graph.ForwardContext;
import io.expertize.nn.FeedForwardNetwork;
import io.expertize.nn.Shapes;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * EWA (docs/methods.md section 2): in training the batch's tokens are split by a fresh random uniform
 * partition, expert i runs on part i only (the compute of one dense FFN, no router, no auxiliary
 * loss); {@link ExpertAveraging} pulls the experts together after every optimizer step. Evaluation
 * and the deployed model use the plain mean of the experts.
 */
final class EwaExperts extends ExpertSet {
  EwaExperts(String path, FeedForwardNetwork ffn, int experts, FusionSettings settings) {
    super(path, ffn, experts, settings);
  }

  @Override
  public Operand<TFloat32> forward(ForwardContext ctx, FeedForwardNetwork ffn, Operand<TFloat32> x) {
    Ops tf = ctx.tf();
    if (!ctx.training()) {
      return fusedForward(ctx, x, uniform(tf));
    }
    long dim = ffn.dim();
    Operand<TFloat32> tokens = tf.reshape(x, Shapes.of(tf, -1, dim));
    Operand<TInt32> count = tf.reshape(tf.gather(tf.shape(tokens), tf.constant(0), tf.constant(0)), tf.constant(new int[0]));
    RandomUniformPartition partition = RandomUniformPartition.draw(tf, count, experts, ctx.nextSeed());
    Operand<TFloat32> y = stackedForward(ctx, partition.dispatch(tf, tokens));
    return tf.reshape(partition.combine(tf, y), tf.shape(x));
  }

  @Override
  protected Operand<TFloat32> inferenceWeights(Ops tf, boolean down) {
    return uniform(tf);
  }
}
