package io.expertize.train.callbacks;

import io.expertize.train.EvalMetrics;
import io.expertize.train.StepMetrics;
import io.expertize.train.TrainingCallback;
import io.expertize.train.io.TensorBoardWriter;
import java.nio.file.Path;

/**
 * TensorBoard scalars through TF's own summary ops: {@code train/} gets loss, lr, grad norm and
 * images/s at log steps; {@code eval/} gets top-1 and loss. Steps count completed optimizer steps.
 */
public final class TensorBoardCallback implements TrainingCallback {
  private final TensorBoardWriter train;
  private final TensorBoardWriter eval;

  public TensorBoardCallback(Path trainDir, Path evalDir) {
    this.train = TensorBoardWriter.open(trainDir);
    this.eval = TensorBoardWriter.open(evalDir);
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
    train.scalar("images_per_sec", step, m.imagesPerSec());
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
