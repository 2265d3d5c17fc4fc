package io.expertize.train.callbacks;

import io.expertize.train.EvalMetrics;
import io.expertize.train.RunInfo;
import io.expertize.train.StepMetrics;
import io.expertize.train.TrainingCallback;
import io.expertize.train.io.TensorBoardWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * TensorBoard scalars through TF's own summary ops: {@code train/} gets loss, lr, grad norm and
 * {@code examples_per_sec} (the task's training examples: images, sequences) at log steps; {@code eval/}
 * gets top-1 and loss. Steps count completed optimizer steps.
 *
 * <p>The graph's diagnostics go to {@code train/} as well, under {@code experts/<layer>/<name>}, and
 * per-expert values as {@code experts/<layer>/<name>/<i>}: TensorBoard groups tags by their first
 * segment, so all expert statistics sit in one section, one chart per layer, value and expert. A
 * distillation run's losses and teacher agreement ({@code distillation/...}) keep their own section.
 */
public final class TensorBoardCallback implements TrainingCallback {
  /** The distillation graph's diagnostics (io.expertize.distill.DistillationGraph#DIAGNOSTICS), not the experts'. */
  private static final String DISTILLATION = "distillation/";
  private final TensorBoardWriter train;
  private final TensorBoardWriter eval;
  /** Event files there before this run's writers opened theirs: an interrupted run's, when resumed. */
  private final List<Path> earlierTrain;
  private final List<Path> earlierEval;

  public TensorBoardCallback(Path trainDir, Path evalDir) {
    this.earlierTrain = EventFiles.in(trainDir);
    this.earlierEval = EventFiles.in(evalDir);
    this.train = TensorBoardWriter.open(trainDir);
    this.eval = TensorBoardWriter.open(evalDir);
  }

  /**
   * A resumed run continues the step axis in new event files: the interrupted run's scalars up to the
   * checkpoint are copied into them and its files removed, so each step appears once (TensorBoard
   * would otherwise draw the steps logged after the checkpoint twice).
   */
  @Override
  public void onStart(RunInfo run) {
    if (run.startStep() > 0) {
      EventFiles.carryOver(earlierTrain, train, run.startStep());
      EventFiles.carryOver(earlierEval, eval, run.startStep());
    }
  }

  @Override
  public void beforeCheckpoint(long step) {
    train.flush();
    eval.flush();
  }

  @Override
  public void onStep(StepMetrics m) {
    if (!m.logStep()) {
      return;
    }
    long step = m.step() + 1;
    train.scalar("loss", step, m.loss());
    train.scalar("lr", step, m.lr());
    train.scalar("grad_norm", step, m.gradNorm());
    train.scalar("examples_per_sec", step, m.examplesPerSec());
    m.diagnostics().forEach((key, values) -> {
      String tag = key.startsWith(DISTILLATION) ? key : "experts/" + key;
      if (values.length == 1) {
        train.scalar(tag, step, values[0]);
      } else {
        for (int i = 0; i < values.length; i++) {
          train.scalar(tag + "/" + i, step, values[i]);
        }
      }
    });
  }

  @Override
  public void onEval(EvalMetrics e) {
    eval.scalar("top1", e.step(), e.top1());
    eval.scalar("loss", e.step(), e.loss());
    eval.flush();
    train.flush();
  }

  @Override
  public void close() {
    train.close();
    eval.close();
  }
}
