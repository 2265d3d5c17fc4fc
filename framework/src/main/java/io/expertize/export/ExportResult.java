package io.expertize.export;

import java.nio.file.Path;

/**
 * A written export: where, which version, the dense parameter count, whether the fusion is exact,
 * and how far the SavedModel, loaded back through TensorFlow's loader, is from the trained model on
 * {@code probeInputs} probe {@code probeUnit} (images, texts).
 */
public record ExportResult(Path path, long version, long parameters, boolean exact, int probeInputs, String probeUnit,
    double maxAbsDifference, long sizeBytes) {}
