package io.expertize.train;

import io.expertize.data.DatasetSplits;
import io.expertize.data.Normalization;
import io.expertize.experts.ExpertPlan;
import io.expertize.experts.Upcycling;
import io.expertize.nn.ImageClassifier;
import io.expertize.train.io.RunDirectory;
import java.util.Objects;
import java.util.Optional;

/**
 * One run: which model, learning which task, trained with which experts, into which directory,
 * whether it continues a checkpoint, and whether a new run starts from a dense checkpoint
 * ({@code upcycle}: applied once after the initializers, never on resume, whose checkpoint holds the
 * trained experts).
 */
public record TrainingJob(
    String modelName, Task<?> task, ExpertPlan experts, RunDirectory run, boolean resume, Optional<Upcycling> upcycle) {

  public TrainingJob {
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(upcycle, "upcycle");
  }

  /** An image classifier on a dataset's splits. */
  public TrainingJob(
      String modelName, ImageClassifier model, ExpertPlan experts, DatasetSplits data, Normalization normalization,
      RunDirectory run, boolean resume, Optional<Upcycling> upcycle) {
    this(modelName, new ImageClassificationTask(model, data, normalization), experts, run, resume, upcycle);
  }

  /** An image classifier whose variables start from their initialisers, or from its own checkpoint when resumed. */
  public TrainingJob(
      String modelName, ImageClassifier model, ExpertPlan experts, DatasetSplits data, Normalization normalization,
      RunDirectory run, boolean resume) {
    this(modelName, model, experts, data, normalization, run, resume, Optional.empty());
  }

  /** The scheme's configuration name ({@code dense}, {@code mb}, ...). */
  public String scheme() {
    return experts.scheme().key();
  }
}
