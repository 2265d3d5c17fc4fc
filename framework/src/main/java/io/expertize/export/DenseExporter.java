package io.expertize.export;

import io.expertize.graph.ModuleTree;
import io.expertize.train.io.DirectoryLock;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.proto.SavedModel;

/**
 * The fusion rewrite: a run's checkpoint (any scheme) becomes a dense SavedModel. The expert sets
 * are fused into the dense FFN weights they stand for, a clean serving graph of the same model is
 * written beside them, the result is loaded back through TensorFlow's own SavedModel loader and
 * checked against the trained model on the {@link Serving}'s probe, and only then renamed into place.
 */
public final class DenseExporter {
  /** Fused and unfused differ by float rounding only; anything larger is a broken export. */
  static final double EXACT_TOLERANCE = 1e-4;

  private DenseExporter() {}

  /**
   * @param averageTopK export a top-k MoE run as its experts' mean (not the function it trained)
   * @throws ExportException if the run cannot be fused as asked; nothing is written then
   */
  public static ExportResult export(ExportSource source, ExportTarget target, boolean averageTopK) {
    boolean exact = source.plan().exactlyFusible();
    if (!exact && !averageTopK) {
      throw new ExportException("the run trained top-k MoE experts (fusion.scheme=" + source.plan().scheme().key()
          + "): its router sends each token to different experts, so no dense FFN computes what it learned. "
          + "Pass --average-top-k to export the experts' mean anyway (an approximation: its accuracy differs "
          + "from the run's and the model's metadata says so), or train with sw, dw, mb or ewa, which fuse exactly.");
    }
    try (FusionGraph fusion = new FusionGraph(source.model(), source.plan(), source.serving())) {
      // a checkpoint of another model fails here, before the export base is touched
      fusion.restore(source.checkpoint(),
          "model '" + source.modelName() + "' trained with fusion.scheme=" + source.plan().scheme().key());
      try (DirectoryLock lock = target.lock()) {
        Path staged = target.stage();
        try {
          ExportResult result = write(fusion, source, target, staged, exact);
          target.commit(staged);
          return result;
        } catch (RuntimeException e) {
          ExportTarget.discard(staged);
          throw e;
        }
      }
    }
  }

  private static ExportResult write(FusionGraph fusion, ExportSource source, ExportTarget target, Path staged,
      boolean exact) {
    fusion.writeFused(staged.resolve("variables").resolve("variables"));
    Probe probe = fusion.expectedAnswers();
    try (ServingGraph serving = new ServingGraph(source.model(), source.serving())) {
      writeSavedModel(staged, serving, ExportMetadata.metaGraphVersion(source, exact));
    }
    long parameters = ModuleTree.of(source.model()).parameterCount();
    ProbeCheck check;
    // loaded the way TF Serving loads it
    try (SavedModelBundle loaded = SavedModelBundle.load(staged.toString(), "serve")) {
      check = probe.compare(loaded);
    }
    if (exact && check.maxAbsDifference() > EXACT_TOLERANCE * Math.max(1, check.scale())) {
      throw new IllegalStateException("the exported model, loaded back, differs from the trained model by "
          + check.maxAbsDifference() + " on " + check.inputs() + " probe " + check.unit() + " (allowed "
          + EXACT_TOLERANCE + " relative): not exported. This is a bug; please report it with the run's config.yaml.");
    }
    ExportMetadata.write(staged, source, target, exact, parameters, check);
    return new ExportResult(target.path(), target.version(), parameters, exact, check.inputs(), check.unit(),
        check.maxAbsDifference(), SavedModelInspector.sizeOnDisk(staged));
  }

  private static void writeSavedModel(Path dir, ServingGraph serving, String version) {
    SavedModel saved = SavedModel.newBuilder().setSavedModelSchemaVersion(1)
        .addMetaGraphs(serving.metaGraphDef(version)).build();
    try (OutputStream out = Files.newOutputStream(dir.resolve("saved_model.pb"))) {
      saved.writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dir.resolve("saved_model.pb"), e);
    }
  }
}
