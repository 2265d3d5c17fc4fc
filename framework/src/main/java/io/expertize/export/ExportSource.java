package io.expertize.export;

import io.expertize.data.Normalization;
import io.expertize.experts.ExpertPlan;
import io.expertize.nn.ImageClassifier;
import io.expertize.train.io.Checkpoint;

/**
 * What an export reads: the run's model (as configured), its expert plan, the input normalisation
 * the data pipeline applied, and the checkpoint to fuse.
 */
public record ExportSource(
    String modelName, ImageClassifier model, ExpertPlan plan, Normalization normalization, Checkpoint checkpoint) {}
