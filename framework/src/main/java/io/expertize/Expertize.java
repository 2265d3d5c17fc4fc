package io.expertize;

import io.expertize.run.EvalRequest;
import io.expertize.run.Evaluation;
import io.expertize.run.ExportRequest;
import io.expertize.run.ResumeRequest;
import io.expertize.run.RunEvaluation;
import io.expertize.run.RunExport;
import io.expertize.run.RunLauncher;
import io.expertize.run.TrainRequest;
import io.expertize.train.TrainingSummary;
import java.nio.file.Path;

/**
 * The framework from Java code: train, resume, evaluate and export a model (the zoo's, or one of your own
 * registered through {@code io.expertize.registry.ModelProvider}) with what {@code expertize train},
 * {@code eval} and {@code export} do, since the CLI calls these same methods. Configuration is layered as on
 * the command line, built-in defaults &lt; configuration file &lt; single keys (docs/configuration.md), and a
 * run directory written here (config.yaml, checkpoints/, metrics.jsonl, tensorboard/, the PNG plots, summary.json) is
 * one the CLI's {@code eval}, {@code export}, {@code inspect} and {@code train --resume} read, and back.
 *
 * <pre>{@code
 * TrainingSummary s = Expertize.train(TrainRequest.builder()
 *     .namedConfig("vit_quickstart").set("train.steps", "200").out(Path.of("runs/mine")).build());
 * Path savedModel = Expertize.export(Path.of("runs/mine"), Path.of("models"));
 * }</pre>
 *
 * Errors are the framework's own exceptions with the CLI's messages: {@code ConfigException} naming the key,
 * {@code UnknownModelException} listing the registered models, {@code RunDirectoryException}, {@code DataException}.
 */
public final class Expertize {
  private Expertize() {}

  /**
   * Trains a new run and returns what it wrote to summary.json. The model and data are built before the run
   * directory is touched, so a bad configuration leaves nothing behind. While it trains, SIGINT and SIGTERM stop
   * it after the step in progress with a checkpoint there ({@code TrainingInterruptedException}; resume it later).
   */
  public static TrainingSummary train(TrainRequest request) {
    return RunLauncher.start(request);
  }

  /** Continues the run in {@code runDir} from its latest checkpoint, exactly as configured in its config.yaml. */
  public static TrainingSummary resume(Path runDir) {
    return resume(ResumeRequest.builder(runDir).build());
  }

  /** {@link #resume(Path)} for a run whose data now lives in {@code dataDir} (as {@code train --resume DIR --data DIR}). */
  public static TrainingSummary resume(Path runDir, Path dataDir) {
    return resume(ResumeRequest.builder(runDir).data(dataDir).build());
  }

  /** {@link #resume(Path)} with the request's options: data directory, cluster, extra callbacks. */
  public static TrainingSummary resume(ResumeRequest request) {
    return RunLauncher.resume(request);
  }

  /** Top-1 and loss of the run's newest complete checkpoint on its test split (as {@code expertize eval}). */
  public static Evaluation evaluate(Path runDir) {
    return evaluate(EvalRequest.builder(runDir).build());
  }

  /** {@link #evaluate(Path)} of a given checkpoint, or with the data elsewhere. */
  public static Evaluation evaluate(EvalRequest request) {
    return RunEvaluation.evaluate(request);
  }

  /**
   * Fuses the run's newest checkpoint into a dense SavedModel at {@code exportBase/MODEL/VERSION} (the next
   * version) and returns that version directory, checked through TensorFlow's loader (as {@code expertize export}).
   */
  public static Path export(Path runDir, Path exportBase) {
    return export(ExportRequest.builder(runDir, exportBase).build());
  }

  /** {@link #export(Path, Path)} with the request's name, version, checkpoint and force; returns the version directory. */
  public static Path export(ExportRequest request) {
    return RunExport.export(request).result().path();
  }
}
