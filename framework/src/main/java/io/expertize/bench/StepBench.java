package io.expertize.bench;

import io.expertize.nn.ImageClassifier;
import io.expertize.train.AdamW;
import io.expertize.train.TrainingGraph;
import java.util.Random;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.RunOptions;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * One model's training step (forward, backward, global-norm clip, AdamW) and inference pass, fed
 * from tensors prepared once so that only the graph is timed, not a data pipeline.
 */
public final class StepBench implements AutoCloseable {
  private final int batch;
  private final TrainingGraph graph;
  private final Session session;
  private final TFloat32 images;
  private final TFloat32 targets;
  private final TInt64 step;
  private final TFloat32 learningRate;

  public StepBench(ImageClassifier model, int batch, ConfigProto config) {
    if (batch <= 0) {
      throw new IllegalArgumentException("batch must be positive, got " + batch);
    }
    this.batch = batch;
    graph = TrainingGraph.build(model, 1, new TrainingGraph.StepSettings(new AdamW(0.9, 0.999, 1e-8, 0.05), 1.0));
    session = new Session(graph.graph, config);
    session.initialize();
    Random random = new Random(1);
    int s = model.imageSize();
    float[] pixels = new float[batch * s * s * model.channels()];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (float) random.nextGaussian();
    }
    float[] oneHot = new float[batch * model.numClasses()];
    for (int i = 0; i < batch; i++) {
      oneHot[i * model.numClasses() + random.nextInt(model.numClasses())] = 1f;
    }
    images = TFloat32.tensorOf(Shape.of(batch, s, s, model.channels()), DataBuffers.of(pixels, true, false));
    targets = TFloat32.tensorOf(Shape.of(batch, model.numClasses()), DataBuffers.of(oneHot, true, false));
    step = TInt64.scalarOf(0);
    // Tiny rate: the weights move (the update is real work) but the loss stays finite however long we run.
    learningRate = TFloat32.scalarOf(1e-6f);
  }

  public int batch() {
    return batch;
  }

  public long parameterCount() {
    return graph.parameterCount();
  }

  /** One training step; returns its wall time in seconds. */
  public double timeTrainStep() {
    long t0 = System.nanoTime();
    try (Result r = trainRunner().run()) {
      checkFinite(((TFloat32) r.get(0)).getFloat());
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  /** One inference pass over the batch; returns its wall time in seconds. */
  public double timeForward() {
    long t0 = System.nanoTime();
    try (Result r = session.runner().feed(graph.images, images).fetch(graph.evalLogits).run()) {
      r.get(0);
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  /** One traced training step, its op time grouped by op type. */
  public OpProfile profileTrainStep() {
    RunOptions trace = RunOptions.newBuilder().setTraceLevel(RunOptions.TraceLevel.FULL_TRACE).build();
    try (Result r = trainRunner().setOptions(trace).runAndFetchMetadata()) {
      return OpProfile.of(r.getMetadata().orElseThrow(
          () -> new IllegalStateException("TensorFlow returned no run metadata for a traced step")).getStepStats());
    }
  }

  private Session.Runner trainRunner() {
    return session.runner()
        .feed(graph.images, images).feed(graph.targets, targets)
        .feed(graph.step, step).feed(graph.learningRate, learningRate)
        .addTarget(graph.trainOp).fetch(graph.loss);
  }

  private static void checkFinite(float loss) {
    if (!Float.isFinite(loss)) {
      throw new IllegalStateException("benchmark step produced a non-finite loss (" + loss + ")");
    }
  }

  @Override
  public void close() {
    images.close();
    targets.close();
    step.close();
    learningRate.close();
    session.close();
    graph.close();
  }
}
