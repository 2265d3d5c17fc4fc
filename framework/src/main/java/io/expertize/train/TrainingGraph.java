package io.expertize.train;

import io.expertize.graph.ForwardContext;
import io.expertize.graph.ModelVariable;
import io.expertize.graph.ModuleTree;
import io.expertize.graph.VariableStore;
import io.expertize.nn.ImageClassifier;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * The TF graph of an image classifier in training: one set of variables, a training forward pass
 * with soft-target cross-entropy, global-norm clipping and AdamW, and an inference forward pass that
 * shares the variables. Inputs and outputs are named so a run can be driven (and debugged) by name.
 */
public final class TrainingGraph implements AutoCloseable {
  public final Graph graph;
  public final ModuleTree tree;
  public final VariableStore variables;
  public final Placeholder<TFloat32> images;
  public final Placeholder<TFloat32> targets;
  public final Placeholder<TInt64> step;
  public final Placeholder<TFloat32> learningRate;
  public final Operand<TFloat32> loss;
  public final Operand<TFloat32> gradNorm;
  public final Op trainOp;
  public final Operand<TFloat32> evalLogits;
  public final Operand<TInt64> evalPredictions;
  /** Sum over the batch of the cross-entropy of the inference logits against {@link #targets}. */
  public final Operand<TFloat32> evalLossSum;

  /** Settings of the optimisation step. */
  public record StepSettings(AdamW optimizer, double gradClip) {}

  private TrainingGraph(ImageClassifier model, long seed, StepSettings settings) {
    graph = new Graph();
    Ops tf = Ops.create(graph);
    tree = ModuleTree.of(model);
    variables = new VariableStore(tf, seed);
    variables.addParameters(tree);

    Shape imageShape = Shape.of(-1, model.imageSize(), model.imageSize(), model.channels());
    images = tf.withName("images").placeholder(TFloat32.class, Placeholder.shape(imageShape));
    targets = tf.withName("targets").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, model.numClasses())));
    step = tf.withName("step").placeholder(TInt64.class, Placeholder.shape(Shape.scalar()));
    learningRate = tf.withName("learning_rate").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));

    Ops train = tf.withSubScope("train");
    Operand<TFloat32> logits = model.logits(ForwardContext.training(train, variables, step, seed), images);
    loss = train.withName("loss").math.mean(
        train.nn.softmaxCrossEntropyWithLogits(logits, targets).loss(), train.constant(0));

    List<ModelVariable> trainable = variables.withRole(ModelVariable.Role.TRAINABLE);
    List<Operand<TFloat32>> reads = trainable.stream().map(ModelVariable::read).toList();
    List<Operand<TFloat32>> grads = new ArrayList<>();
    for (Output<?> g : graph.addGradients(loss.asOutput(), reads.stream().map(Operand::asOutput).toArray(Output[]::new))) {
      @SuppressWarnings("unchecked")
      Output<TFloat32> gf = (Output<TFloat32>) g;
      grads.add(gf);
    }
    GlobalNormClip clip = GlobalNormClip.apply(train, grads, settings.gradClip());
    gradNorm = clip.norm();
    Operand<TFloat32> t = train.dtypes.cast(train.math.add(step, train.constant(1L)), TFloat32.class);
    List<Op> updates = settings.optimizer().update(train, variables, trainable, clip.gradients(), learningRate, t);
    trainOp = train.withControlDependencies(updates).withName("train_op").noOp();

    Ops eval = tf.withSubScope("eval");
    evalLogits = eval.withName("logits").identity(model.logits(ForwardContext.inference(eval, variables), images));
    evalPredictions = eval.withName("classes").math.argMax(evalLogits, eval.constant(-1));
    evalLossSum = eval.withName("loss_sum").reduceSum(
        eval.nn.softmaxCrossEntropyWithLogits(evalLogits, targets).loss(), eval.constant(0));
  }

  public static TrainingGraph build(ImageClassifier model, long seed, StepSettings settings) {
    return new TrainingGraph(model, seed, settings);
  }

  /** Number of trainable scalars (the model's parameter count). */
  public long parameterCount() {
    return tree.parameterCount();
  }

  @Override
  public void close() {
    graph.close();
  }
}
