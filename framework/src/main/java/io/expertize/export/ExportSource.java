package io.expertize.export;

import io.expertize.data.Normalization;
import io.expertize.experts.ExpertPlan;
import io.expertize.graph.Module;
import io.expertize.nn.ImageClassifier;
import io.expertize.train.io.Checkpoint;

/**
 * What an export reads: the run's model (as configured), its expert plan, how it is served, and the
 * checkpoint to fuse.
 */
public record ExportSource(String modelName, Module model, ExpertPlan plan, Serving serving, Checkpoint checkpoint) {

  /** An image classifier, served on raw pixels with the input normalisation the data pipeline applied. */
  public ExportSource(
      String modelName, ImageClassifier model, ExpertPlan plan, Normalization normalization, Checkpoint checkpoint) {
    this(modelName, model, plan, new ImageServing(model, normalization), checkpoint);
  }
}
