package io.expertize.run;

import io.expertize.config.Keys;
import io.expertize.export.DenseExporter;
import io.expertize.export.ExportResult;
import io.expertize.export.ExportSource;
import io.expertize.export.ExportTarget;
import io.expertize.wiring.TrainedRun;
import java.util.List;

/** Exports a run's checkpoint, its expert sets fused into dense FFNs, read from the run directory alone. */
public final class RunExport {
  private RunExport() {}

  /**
   * The run wired as it trained, its checkpoint fused and written as a SavedModel, which is loaded back
   * through TensorFlow's loader and checked against the trained model before it is renamed into place.
   *
   * @throws io.expertize.export.ExportException for a bad name or version, or an existing version without force
   * @throws io.expertize.train.io.RunDirectoryException if the directory holds no run
   */
  public static ExportedRun export(ExportRequest request) {
    return GuiceErrors.unwrapped(() -> {
      List<String> sets = request.maxLength().stream()
          .mapToObj(n -> Keys.EXPORT_MAX_LENGTH.name() + "=" + n).toList();
      TrainedRun run = TrainedRun.open(request.runDir(), sets);
      ExportSource source = run.exportSource(run.checkpoint(request.checkpoint().orElse(null)));
      ExportTarget target = ExportTarget.resolve(request.base(), request.name().orElse(source.modelName()),
          request.version(), request.force());
      ExportResult result = DenseExporter.export(source, target, request.averageTopK());
      return new ExportedRun(source.checkpoint(), source.plan().scheme().key(), result);
    });
  }
}
