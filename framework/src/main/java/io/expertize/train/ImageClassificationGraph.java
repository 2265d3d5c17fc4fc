package io.expertize.train;

import io.expertize.data.Batch;
import io.expertize.data.ImageShape;
import io.expertize.graph.ForwardContext;
import io.expertize.nn.ImageClassifier;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * An image classifier's part of a training graph: normalised images and soft targets in
 * ({@code images}, {@code targets}), soft-target cross-entropy of the training pass, and the
 * inference pass's logits, classes and summed cross-entropy ({@code eval/logits}, {@code eval/classes},
 * {@code eval/loss_sum}).
 */
public final class ImageClassificationGraph implements TaskGraph<Batch> {
  public final Placeholder<TFloat32> images;
  public final Placeholder<TFloat32> targets;
  private final Operand<TFloat32> loss;
  public final Operand<TFloat32> evalLogits;
  public final Operand<TInt64> evalPredictions;
  /** Sum over the batch of the cross-entropy of the inference logits against {@link #targets}. */
  public final Operand<TFloat32> evalLossSum;

  /** The training pass's loss, a mean over the batch, from the input placeholders. */
  @FunctionalInterface
  public interface TrainingLoss {
    Operand<TFloat32> build(ForwardContext training, Operand<TFloat32> images, Operand<TFloat32> targets);
  }

  /** Trained by the soft-target cross-entropy of the model's logits. */
  public ImageClassificationGraph(ImageClassifier model, Passes passes) {
    this(model, passes, (training, images, targets) -> {
      Ops train = training.tf();
      Operand<TFloat32> logits = model.logits(training, images);
      return train.math.mean(train.nn.softmaxCrossEntropyWithLogits(logits, targets).loss(), train.constant(0));
    });
  }

  /** Trained by {@code trainingLoss} (a distillation loss); inputs and evaluation as always. */
  public ImageClassificationGraph(ImageClassifier model, Passes passes, TrainingLoss trainingLoss) {
    Ops tf = passes.tf();
    Shape imageShape = Shape.of(-1, model.imageSize(), model.imageSize(), model.channels());
    images = tf.withName("images").placeholder(TFloat32.class, Placeholder.shape(imageShape));
    targets = tf.withName("targets").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, model.numClasses())));

    // through Passes.trainingLoss: a data-parallel graph builds it once per shard of the batch
    loss = passes.trainingLoss(List.of(images, targets),
        (training, shard) -> trainingLoss.build(training, floats(shard.get(0)), floats(shard.get(1))));

    Ops eval = passes.inference().tf();
    evalLogits = eval.withName("logits").identity(model.logits(passes.inference(), images));
    evalPredictions = eval.withName("classes").math.argMax(evalLogits, eval.constant(-1));
    evalLossSum = eval.withName("loss_sum").reduceSum(
        eval.nn.softmaxCrossEntropyWithLogits(evalLogits, targets).loss(), eval.constant(0));
  }

  @SuppressWarnings("unchecked")
  private static Operand<TFloat32> floats(Operand<?> o) {
    return (Operand<TFloat32>) o;
  }

  @Override
  public Operand<TFloat32> loss() {
    return loss;
  }

  @Override
  public Feeds feeds(Batch b) {
    ImageShape s = b.shape();
    Shape imageShape = Shape.of(b.size(), s.height(), s.width(), s.channels());
    Feeds feeds = new Feeds();
    feeds.add(images, TFloat32.tensorOf(imageShape, DataBuffers.of(b.images(), true, false)));
    feeds.add(targets, TFloat32.tensorOf(Shape.of(b.size(), b.numClasses()), DataBuffers.of(b.targets(), true, false)));
    return feeds;
  }

  /** Top-1 against the batch's hard labels; the summed cross-entropy against its (one-hot) targets. */
  @Override
  public EvalCounts evaluate(Session session, Batch b) {
    try (Feeds feeds = feeds(b);
        Result r = feeds.into(session.runner()).fetch(evalPredictions).fetch(evalLossSum).run()) {
      TInt64 predictions = (TInt64) r.get(0);
      long correct = 0;
      for (int i = 0; i < b.size(); i++) {
        if (predictions.getLong(i) == b.labels()[i]) {
          correct++;
        }
      }
      return new EvalCounts(correct, ((TFloat32) r.get(1)).getFloat(), b.size());
    }
  }

  @Override
  public String evalUnit() {
    return "images";
  }
}
