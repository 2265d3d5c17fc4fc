package io.expertize.run;

import io.expertize.export.ExportResult;
import io.expertize.train.io.Checkpoint;

/**
 * A run's checkpoint written as a dense SavedModel: which checkpoint, the run's fusion scheme, and the
 * export itself ({@link ExportResult#path()} is the version directory).
 *
 * @param checkpoint the checkpoint that was fused
 * @param scheme the key of the run's fusion scheme (dense, mb, ewa, ...)
 * @param result where the SavedModel went, its version, dense parameter count and the loader check
 */
public record ExportedRun(Checkpoint checkpoint, String scheme, ExportResult result) {}
