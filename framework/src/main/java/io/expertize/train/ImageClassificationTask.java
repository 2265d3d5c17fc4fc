package io.expertize.train;

import io.expertize.data.Batch;
import io.expertize.data.DatasetSplits;
import io.expertize.data.EvalBatches;
import io.expertize.data.Normalization;
import io.expertize.data.TrainBatches;
import io.expertize.nn.ImageClassifier;
import java.util.List;

/**
 * Image classification: normalised, augmented images with soft targets (label smoothing, Mixup,
 * CutMix) for training; the test split, one-hot, for top-1 and cross-entropy.
 */
public record ImageClassificationTask(ImageClassifier model, DatasetSplits data, Normalization normalization)
    implements Task<Batch> {

  @Override
  public ImageClassificationGraph attach(Passes passes) {
    return new ImageClassificationGraph(model, passes);
  }

  @Override
  public TrainBatches trainBatches(TrainSettings s) {
    return new TrainBatches(data.train(), s.batchSize(), s.seed(), normalization, s.augmentation());
  }

  @Override
  public EvalBatches evalBatches(TrainSettings s) {
    return new EvalBatches(data.test(), s.evalBatchSize(), normalization);
  }

  @Override
  public int examples(Batch batch) {
    return batch.size();
  }

  @Override
  public List<String> classNames() {
    return data.classNames();
  }

  @Override
  public List<String> skippedImages() {
    return data.skipped();
  }

  @Override
  public ExampleUnit exampleUnit() {
    return ExampleUnit.IMAGES;
  }
}
