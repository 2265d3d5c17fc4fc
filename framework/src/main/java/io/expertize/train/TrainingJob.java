package io.expertize.train;

import io.expertize.data.DatasetSplits;
import io.expertize.data.Normalization;
import io.expertize.experts.ExpertPlan;
import io.expertize.nn.ImageClassifier;
import io.expertize.train.io.RunDirectory;

/**
 * One run: which model, trained with which experts, on which data, into which directory, and whether
 * it continues a checkpoint.
 */
public record TrainingJob(
    String modelName, ImageClassifier model, ExpertPlan experts, DatasetSplits data, Normalization normalization,
    RunDirectory run, boolean resume) {

  /** The scheme's configuration name ({@code dense}, {@code mb}, ...). */
  public String scheme() {
    return experts.scheme().key();
  }
}
