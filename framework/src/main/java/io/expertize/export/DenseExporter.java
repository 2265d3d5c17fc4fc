package io.expertize.export;

import io.expertize.graph.ModuleTree;
import io.expertize.nn.ImageClassifier;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.types.TFloat32;

/**
 * The fusion rewrite: a run's checkpoint (any scheme) becomes a dense SavedModel. The expert sets
 * are fused into the dense FFN weights they stand for, a clean serving graph of the same model is
 * written beside them, the result is loaded back through TensorFlow's own SavedModel loader and
 * checked against the trained model on probe images, and only then renamed into place.
 */
public final class DenseExporter {
  static final int PROBE_IMAGES = 64;
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
    Path staged = target.stage();
    try {
      ExportResult result = write(source, target, staged, exact);
      target.commit(staged);
      return result;
    } catch (RuntimeException e) {
      ExportTarget.discard(staged);
      throw e;
    }
  }

  private static ExportResult write(ExportSource source, ExportTarget target, Path staged, boolean exact) {
    ImageClassifier model = source.model();
    float[][] expected;
    try (FusionGraph fusion = new FusionGraph(model, source.plan(), source.normalization());
        TFloat32 probe = probeImages(model)) {
      fusion.restore(source.checkpoint(),
          "model '" + source.modelName() + "' trained with fusion.scheme=" + source.plan().scheme().key());
      fusion.writeFused(staged.resolve("variables").resolve("variables"));
      expected = fusion.logits(probe);
      try (ServingGraph serving = new ServingGraph(model, source.normalization())) {
        writeSavedModel(staged, serving, ExportMetadata.metaGraphVersion(source, exact));
      }
      long parameters = ModuleTree.of(model).parameterCount();
      double difference = maxDifferenceOfLoaded(staged, probe, expected);
      if (exact && difference > EXACT_TOLERANCE * Math.max(1, maxAbs(expected))) {
        throw new IllegalStateException("the exported model, loaded back, differs from the trained model by "
            + difference + " on " + PROBE_IMAGES + " probe images (allowed " + EXACT_TOLERANCE
            + " relative): not exported. This is a bug; please report it with the run's config.yaml.");
      }
      ExportMetadata.write(staged, source, target, exact, parameters, difference);
      return new ExportResult(target.path(), target.version(), parameters, exact, PROBE_IMAGES, difference,
          SavedModelInspector.sizeOnDisk(staged));
    }
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

  /** Loads the staged SavedModel the way TF Serving does and runs the pixel signature on the probe. */
  private static double maxDifferenceOfLoaded(Path dir, TFloat32 probe, float[][] expected) {
    try (SavedModelBundle bundle = SavedModelBundle.load(dir.toString(), "serve");
        Result r = bundle.function(ServingGraph.PIXELS_SIGNATURE).call(Map.of("images", probe))) {
      return Matrices.maxAbsDifference(Matrices.of((TFloat32) r.get("logits").orElseThrow()), expected);
    }
  }

  /** Deterministic raw-pixel images in [0, 255]: the check needs inputs, not data. */
  static TFloat32 probeImages(ImageClassifier model) {
    int s = model.imageSize();
    int c = model.channels();
    TFloat32 t = TFloat32.tensorOf(Shape.of(PROBE_IMAGES, s, s, c));
    Random random = new Random(20261126L);
    for (int i = 0; i < PROBE_IMAGES; i++) {
      for (int y = 0; y < s; y++) {
        for (int x = 0; x < s; x++) {
          for (int ch = 0; ch < c; ch++) {
            t.setFloat(random.nextInt(256), i, y, x, ch);
          }
        }
      }
    }
    return t;
  }

  private static double maxAbs(float[][] m) {
    double max = 0;
    for (float[] row : m) {
      for (float v : row) {
        max = Math.max(max, Math.abs(v));
      }
    }
    return max;
  }
}
