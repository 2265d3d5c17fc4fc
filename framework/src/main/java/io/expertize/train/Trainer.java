package io.expertize.train;

import io.expertize.data.BatchPipeline;
import io.expertize.data.EpochBatches;
import io.expertize.train.io.Checkpoint;
import io.expertize.train.io.CheckpointException;
import io.expertize.train.io.CheckpointManager;
import io.expertize.experts.ExpertPlan;
import io.expertize.experts.ExpertSet;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jakarta.inject.Inject;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * The training loop. Each step is a pure function of (seed, step): batches, augmentation, dropout
 * masks and the learning rate are all derived from the step, so the only state a checkpoint needs is
 * the variables (parameters and optimizer slots) and the step itself, and a resumed run repeats an
 * uninterrupted one exactly.
 */
public final class Trainer {
  private static final int PREFETCH = 3;
  /** The run file that lists the images {@code data.skip-bad-images} left out. */
  public static final String SKIPPED_IMAGES = "skipped-images.txt";

  private final TrainSettings settings;
  private final List<TrainingCallback> callbacks;
  private final Optional<TrainingCluster> cluster;

  public Trainer(TrainSettings settings, List<TrainingCallback> callbacks) {
    this(settings, callbacks, Optional.empty());
  }

  private Trainer(TrainSettings settings, List<TrainingCallback> callbacks, Optional<TrainingCluster> cluster) {
    this.settings = settings;
    this.callbacks = List.copyOf(callbacks);
    this.cluster = cluster;
  }

  /**
   * This trainer on a cluster: synchronous data parallelism (docs/distributed.md), the same steps,
   * checkpoints and run directory as in one process.
   */
  public Trainer on(TrainingCluster cluster) {
    return new Trainer(settings, callbacks, Optional.of(cluster));
  }

  /** Wired by Guice: the callbacks are every {@code TrainingCallback} bound into the set. */
  @Inject
  public Trainer(TrainSettings settings, Set<TrainingCallback> callbacks) {
    this(settings, List.copyOf(callbacks));
  }

  public TrainingSummary fit(TrainingJob job) {
    return fit(job, StopRequest.create());
  }

  /**
   * Trains until the last step, or until {@code stop} is requested: then the step in progress
   * completes, its checkpoint is written and {@link TrainingInterruptedException} ends the run.
   *
   * @throws RunFinishedException if a resumed run has no step left and its summary is written
   */
  public TrainingSummary fit(TrainingJob job, StopRequest stop) {
    return fit(job, job.task(), stop);
  }

  private <B> TrainingSummary fit(TrainingJob job, Task<B> task, StopRequest stop) {
    TrainSettings s = settings;
    EpochBatches<B> train = task.trainBatches(s);
    Iterable<B> eval = task.evalBatches(s);
    int stepsPerEpoch = train.batchesPerEpoch();
    long total = s.totalSteps(stepsPerEpoch);
    LearningRateSchedule schedule = s.schedule(stepsPerEpoch);
    CheckpointManager checkpoints = new CheckpointManager(job.run().checkpointsDir(), s.keepCheckpoints());
    Checkpoint resumeFrom = job.resume() ? resumeCheckpoint(job, checkpoints, total) : null;
    recordSkippedImages(job, task.skippedImages());

    try (TrainingGraph<TaskGraph<B>> graph =
            TrainingGraph.build(task, job.experts(), s.seed(),
                new TrainingGraph.StepSettings(s.optimizer(), s.gradClip(), cluster.map(TrainingCluster::layout)));
        Session session = cluster.map(c -> c.open(graph.graph)).orElseGet(() -> new Session(graph.graph))) {
      long start = 0;
      if (resumeFrom != null) {
        checkpoints.restore(session, resumeFrom);
        start = resumeFrom.step();
      } else {
        session.initialize();
        job.upcycle().ifPresent(u -> u.apply(session, graph.tree, graph.experts, graph.variables, s.seed()));
      }
      RunInfo info = new RunInfo(job.modelName(), job.scheme(), graph.parameterCount(), graph.trainingParameterCount(),
          start, total, stepsPerEpoch, task.exampleUnit());
      callbacks.forEach(cb -> cb.onStart(info));
      Evaluator<B> evaluator = new Evaluator<>(graph.task);

      EvalMetrics lastEval = null;
      Checkpoint lastSaved = null;
      long trainNanos = 0;
      long examplesSeen = 0;
      long windowStart = System.nanoTime();
      long windowExamples = 0;
      try (BatchPipeline<B> pipeline = BatchPipeline.start(train, start, total, PREFETCH)) {
        for (long step = start; step < total; step++) {
          B batch = pipeline.next();
          long t0 = System.nanoTime();
          double lr = schedule.at(step);
          long done = step + 1;
          boolean log = done % s.logEvery() == 0 || done == total;
          StepResult r = runStep(session, graph, batch, step, lr, (float) ((double) done / total), log);
          trainNanos += System.nanoTime() - t0;
          int examples = task.examples(batch);
          examplesSeen += examples;
          windowExamples += examples;
          pipeline.recycle(batch);
          int epoch = (int) (step / stepsPerEpoch);
          if (!Float.isFinite(r.loss())) {
            throw new TrainingDivergedException(String.format(
                "loss became %s at step %d (epoch %d, lr %.3g); training stopped and no checkpoint of this "
                    + "state was written. %s Lower optim.lr, raise train.warmup-epochs or set train.grad-clip.",
                r.loss(), step, epoch, lr,
                lastSaved == null ? "No checkpoint was written before it." : "The last good checkpoint is " + lastSaved.path() + "."));
          }
          double examplesPerSec = 0;
          if (log) {
            long now = System.nanoTime();
            examplesPerSec = windowExamples / ((now - windowStart) / 1e9);
            windowStart = now;
            windowExamples = 0;
          }
          StepMetrics m = new StepMetrics(step, epoch, r.loss(), lr, r.gradNorm(), examplesPerSec, log, r.diagnostics());
          callbacks.forEach(cb -> cb.onStep(m));

          boolean epochEnd = done % stepsPerEpoch == 0;
          int epochsDone = (int) (done / stepsPerEpoch);
          long pauseStart = System.nanoTime();
          if ((epochEnd && epochsDone % s.evalEveryEpochs() == 0) || done == total) {
            EvalMetrics e = evaluator.evaluate(session, eval, done, epochEnd ? epochsDone - 1 : epoch);
            lastEval = e;
            callbacks.forEach(cb -> cb.onEval(e));
          }
          boolean periodic = s.checkpointEvery().isPresent() && done % s.checkpointEvery().getAsInt() == 0;
          if (epochEnd || periodic || done == total) {
            lastSaved = save(checkpoints, session, done, epoch, total);
          }
          windowStart += System.nanoTime() - pauseStart; // evaluation and checkpoints are not training throughput
          if (stop.reason().isPresent() && done < total) {
            Checkpoint saved = lastSaved != null && lastSaved.step() == done ? lastSaved : save(checkpoints, session, done, epoch, total);
            throw new TrainingInterruptedException(stop.reason().get(), done, saved.path(), job.run().root());
          }
        }
      }
      if (lastEval == null) {
        // resumed after the last checkpoint but before summary.json (killed in between): its evaluation is in
        // metrics.jsonl already, so it is only repeated for the summary
        lastEval = evaluator.evaluate(session, eval, total, (int) ((total - 1) / stepsPerEpoch));
      }
      double secs = trainNanos / 1e9;
      ExpertPlan.ExpertField field = job.experts().fields().isEmpty() ? null : job.experts().fields().get(0);
      TrainingSummary summary = new TrainingSummary(
          job.modelName(), job.scheme(), field == null ? 1 : field.experts(), field == null ? "" : field.placement(),
          job.experts().sets().stream().map(ExpertSet::path).toList(),
          graph.parameterCount(), graph.trainingParameterCount(), total, (int) Math.ceil((double) total / stepsPerEpoch),
          lastEval.top1(), secs > 0 ? examplesSeen / secs : 0, task.exampleUnit().plural(), secs,
          (lastSaved != null ? lastSaved : resumeFrom).path().toString(), task.classNames(),
          task.skippedImages().size());
      job.run().writeJsonAtomically("summary.json", summary);
      callbacks.forEach(cb -> cb.onEnd(summary));
      return summary;
    } finally {
      callbacks.forEach(TrainingCallback::close);
    }
  }

  /** {@code RUN/skipped-images.txt}, one "source: reason" a line, and a line on the console; nothing when none. */
  private static void recordSkippedImages(TrainingJob job, List<String> skipped) {
    if (skipped.isEmpty()) {
      return;
    }
    job.run().writeTextAtomically(SKIPPED_IMAGES, String.join("\n", skipped) + "\n");
    System.err.println("skipped " + skipped.size() + " image(s) that cannot be decoded (data.skip-bad-images), listed "
        + "in " + job.run().root().resolve(SKIPPED_IMAGES) + "; the first: " + skipped.get(0));
  }

  /** The newest intact checkpoint to continue from; a finished run (summary written) is refused. */
  private static Checkpoint resumeCheckpoint(TrainingJob job, CheckpointManager checkpoints, long total) {
    Checkpoint c = checkpoints.latestIntact(System.err::println).orElseThrow(() -> new CheckpointException(
        checkpoints.directory(), "no intact checkpoint to resume from in this run directory"));
    if (c.step() >= total && Files.isRegularFile(job.run().summaryFile())) {
      throw new RunFinishedException(job.run().root(), c.step(), total);
    }
    return c;
  }

  /** Saves checkpoint {@code done}, after the callbacks have flushed what they recorded up to it. */
  private Checkpoint save(CheckpointManager checkpoints, Session session, long done, int epoch, long total) {
    callbacks.forEach(cb -> cb.beforeCheckpoint(done));
    return checkpoints.save(session, done, epoch, Map.of("total_steps", total));
  }

  /** What one step reports: loss and gradient norm always, the graph's diagnostics on log steps. */
  private record StepResult(float loss, float gradNorm, Map<String, float[]> diagnostics) {}

  private <B> StepResult runStep(
      Session session, TrainingGraph<TaskGraph<B>> graph, B batch, long step, double lr, float progress, boolean log) {
    try {
      return runLocalStep(session, graph, batch, step, lr, progress, log);
    } catch (org.tensorflow.exceptions.TensorFlowException e) {
      if (cluster.isPresent()) {
        throw cluster.get().stepFailed(step, e);
      }
      throw e;
    }
  }

  private static <B> StepResult runLocalStep(
      Session session, TrainingGraph<TaskGraph<B>> graph, B batch, long step, double lr, float progress, boolean log) {
    try (Feeds inputs = graph.task.feeds(batch);
        TInt64 stepTensor = TInt64.scalarOf(step);
        TFloat32 lrTensor = TFloat32.scalarOf((float) lr);
        TFloat32 progressTensor = TFloat32.scalarOf(progress)) {
      Session.Runner runner = inputs.into(session.runner())
          .feed(graph.step, stepTensor).feed(graph.learningRate, lrTensor).feed(graph.progress, progressTensor)
          .addTarget(graph.trainOp).fetch(graph.loss).fetch(graph.gradNorm);
      List<String> names = log ? List.copyOf(graph.diagnostics.keySet()) : List.of();
      names.forEach(n -> runner.fetch(graph.diagnostics.get(n)));
      try (Result r = runner.run()) {
        Map<String, float[]> diagnostics = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
          diagnostics.put(names.get(i), StdArrays.array1dCopyOf(flat((TFloat32) r.get(i + 2))));
        }
        return new StepResult(((TFloat32) r.get(0)).getFloat(), ((TFloat32) r.get(1)).getFloat(), diagnostics);
      }
    }
  }

  /** A scalar or vector as a vector. */
  private static FloatNdArray flat(TFloat32 t) {
    return t.rank() == 0 ? NdArrays.vectorOf(t.getFloat()) : t;
  }
}
