package io.expertize.train;

import io.expertize.data.DatasetSplits;
import io.expertize.data.Normalization;
import io.expertize.nn.ImageClassifier;
import io.expertize.train.io.RunDirectory;

/** One run: which model on which data into which directory, and whether it continues a checkpoint. */
public record TrainingJob(
    String modelName, String scheme, ImageClassifier model, DatasetSplits data, Normalization normalization,
    RunDirectory run, boolean resume) {}
