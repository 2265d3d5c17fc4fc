package io.expertize.experiments.bench;

import io.expertize.data.AugmentationSettings;
import io.expertize.data.Batch;
import io.expertize.data.DataRequest;
import io.expertize.data.DatasetInfo;
import io.expertize.data.DatasetSplits;
import io.expertize.data.Normalization;
import io.expertize.data.TrainBatches;
import io.expertize.data.folder.ImageFolderSource;
import io.expertize.nn.ImageClassifier;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.tensorflow.proto.ConfigProto;

/**
 * The input pipeline against the training step it feeds, side by side in one process: an image folder
 * decoded and resized (once, as a run does when it starts), then augmented batches assembled from the
 * decoded images (what the prefetch thread does every step), alternating round by round with the
 * model's training step on batches of the same size.
 */
public final class DataBenchmark {
  private DataBenchmark() {}

  /**
   * One pipeline and the model it feeds.
   *
   * @param folder a class-per-folder tree with train/ and test/
   */
  public record Case(String name, Path folder, ImageClassifier model, int batch, AugmentationSettings augmentation) {}

  /** Images per second of each stage; {@code pipelineOverStep} is augmented batches over training steps. */
  public record Result(String name, int images, String shape, double decodedPerSec, double augmentedPerSec,
      double stepPerSec) {
    public double pipelineOverStep() {
      return augmentedPerSec / stepPerSec;
    }

    /** Were every epoch decoded again: decode and augmentation in series, over the step. */
    public double decodeEveryEpochOverStep() {
      return 1 / (1 / decodedPerSec + 1 / augmentedPerSec) / stepPerSec;
    }
  }

  public static Result run(Case c, int warmup, int rounds, SessionThreads threads, Consumer<String> progress) {
    ConfigProto config = threads.config();
    int size = c.model().imageSize();
    DataRequest request = DataRequest.of(c.folder()).withImageSize(size).withChannels(c.model().channels());
    ImageFolderSource source = new ImageFolderSource();
    DatasetInfo info = source.describe(request);
    long t0 = System.nanoTime();
    DatasetSplits splits = source.load(request, info);
    double decodeSeconds = (System.nanoTime() - t0) / 1e9;
    int images = splits.train().size() + splits.test().size();
    progress.accept(String.format("%s: decoded %d images in %.2f s", c.name(), images, decodeSeconds));

    Normalization normalization = splits.train().computeNormalization();
    TrainBatches batches = new TrainBatches(splits.train(), c.batch(), 1, normalization, c.augmentation());
    double augmentSeconds = 0;
    double stepSeconds = 0;
    try (StepBench step = new StepBench(c.model(), c.batch(), config)) {
      Batch reuse = null;
      for (int r = 0; r < warmup + rounds; r++) {
        long a0 = System.nanoTime();
        reuse = batches.batchAt(r, reuse);
        double augment = (System.nanoTime() - a0) / 1e9;
        double train = step.timeTrainStep();
        if (r >= warmup) {
          augmentSeconds += augment;
          stepSeconds += train;
        }
        progress.accept(String.format("%s: round %d: batch %.4f s, step %.4f s%s", c.name(), r + 1, augment, train,
            r < warmup ? " (warm-up)" : ""));
      }
    }
    double timed = (double) rounds * c.batch();
    return new Result(c.name(), images, size + "x" + size + "x" + c.model().channels(), images / decodeSeconds,
        timed / augmentSeconds, timed / stepSeconds);
  }
}
