package io.expertize.experiments.bench;

import io.expertize.experts.ExpertPlan;
import io.expertize.nn.ImageClassifier;
import io.expertize.train.AdamW;
import io.expertize.train.ImageClassificationGraph;
import io.expertize.train.TrainingGraph;
import java.util.OptionalDouble;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.RunMetadata;
import org.tensorflow.proto.RunOptions;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * One model's training step (forward, backward, global-norm clip, AdamW, and whatever the expert
 * plan adds: routing, fusion, weight averaging) and inference pass, in its own Session, fed from
 * tensors prepared once so that only the graph is timed, not a data pipeline.
 */
public final class StepBench implements AutoCloseable {
  /** Fed to {@code progress} (EWA's β schedule): a mid-training value; the cost does not depend on it. */
  private static final float PROGRESS = 0.5f;

  private final BenchInputs inputs;
  private final boolean ownsInputs;
  private final TrainingGraph<ImageClassificationGraph> graph;
  private final Session session;
  private final TFloat32 progress;
  private long steps;

  /** A dense model on its own random batch. */
  public StepBench(ImageClassifier model, int batch, ConfigProto config) {
    this(model, ExpertPlan.dense(), new BenchInputs(model, batch, 1), true, config);
  }

  /**
   * {@code model} training with {@code plan}, fed from {@code inputs}, which the caller keeps and
   * closes after this bench.
   */
  public StepBench(ImageClassifier model, ExpertPlan plan, BenchInputs inputs, ConfigProto config) {
    this(model, plan, inputs, false, config);
  }

  private StepBench(ImageClassifier model, ExpertPlan plan, BenchInputs inputs, boolean ownsInputs, ConfigProto config) {
    this.inputs = inputs;
    this.ownsInputs = ownsInputs;
    graph = TrainingGraph.build(model, plan, 1, new TrainingGraph.StepSettings(new AdamW(0.9, 0.999, 1e-8, 0.05), OptionalDouble.of(1.0)));
    session = new Session(graph.graph, config);
    session.initialize();
    progress = TFloat32.scalarOf(PROGRESS);
  }

  public int batch() {
    return inputs.batch();
  }

  /** Parameters of the deployed (dense) model. */
  public long parameterCount() {
    return graph.parameterCount();
  }

  /** Scalars the optimizer trains in this graph: experts, routers and mixing weights included. */
  public long trainingParameterCount() {
    return graph.trainingParameterCount();
  }

  /** Bytes of every variable of the graph: parameters, state (memory banks) and optimizer slots (fp32). */
  public long variableBytes() {
    return graph.variables.all().stream().mapToLong(v -> 4 * v.size()).sum();
  }

  /** One training step; returns its wall time in seconds. */
  public double timeTrainStep() {
    try (TInt64 step = TInt64.scalarOf(steps)) {
      long t0 = System.nanoTime();
      try (Result r = trainRunner(step).run()) {
        checkFinite(((TFloat32) r.get(0)).getFloat());
      }
      steps++;
      return (System.nanoTime() - t0) / 1e9;
    }
  }

  /** One inference pass over the batch; returns its wall time in seconds. */
  public double timeForward() {
    long t0 = System.nanoTime();
    try (Result r = session.runner().feed(graph.task.images, inputs.images).fetch(graph.task.evalLogits).run()) {
      r.get(0);
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  /** One traced training step, its op time grouped by op type. */
  public OpProfile profileTrainStep() {
    return OpProfile.of(tracedTrainStep().getStepStats());
  }

  /**
   * One training step traced at {@code FULL_TRACE}: per-op timings and, per op, the allocator's bytes
   * in use when it finished ({@link StepMemory}).
   */
  public RunMetadata tracedTrainStep() {
    RunOptions trace = RunOptions.newBuilder().setTraceLevel(RunOptions.TraceLevel.FULL_TRACE).build();
    try (TInt64 step = TInt64.scalarOf(steps); Result r = trainRunner(step).setOptions(trace).runAndFetchMetadata()) {
      checkFinite(((TFloat32) r.get(0)).getFloat());
      steps++;
      return r.getMetadata().orElseThrow(
          () -> new IllegalStateException("TensorFlow returned no run metadata for a traced step"));
    }
  }

  private Session.Runner trainRunner(TInt64 step) {
    return session.runner()
        .feed(graph.task.images, inputs.images).feed(graph.task.targets, inputs.targets)
        .feed(graph.step, step).feed(graph.learningRate, inputs.learningRate).feed(graph.progress, progress)
        .addTarget(graph.trainOp).fetch(graph.loss);
  }

  private static void checkFinite(float loss) {
    if (!Float.isFinite(loss)) {
      throw new IllegalStateException("benchmark step produced a non-finite loss (" + loss + ")");
    }
  }

  @Override
  public void close() {
    progress.close();
    if (ownsInputs) {
      inputs.close();
    }
    session.close();
    graph.close();
  }
}
