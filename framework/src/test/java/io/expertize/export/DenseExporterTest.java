package io.expertize.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.expertize.annotations.Scheme;
import io.expertize.data.AugmentationSettings;
import io.expertize.data.Batch;
import io.expertize.data.DatasetSplits;
import io.expertize.data.EvalBatches;
import io.expertize.data.FashionMnist;
import io.expertize.data.ImageDataset;
import io.expertize.experts.ExpertPlan;
import io.expertize.experts.FusionOverrides;
import io.expertize.experts.ReflectiveExpertBuilder;
import io.expertize.graph.ModuleTree;
import io.expertize.testing.ExpertMlp;
import io.expertize.train.TrainSettings;
import io.expertize.train.Trainer;
import io.expertize.train.TrainingGraph;
import io.expertize.train.TrainingJob;
import io.expertize.train.io.Checkpoint;
import io.expertize.train.io.CheckpointManager;
import io.expertize.train.io.RunDirectory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/**
 * The fusion rewrite end to end on a small expert model trained for a few steps on real data: the
 * SavedModel, loaded through TensorFlow's loader, gives the training graph's eval logits.
 */
class DenseExporterTest {
  private static final int TEST_IMAGES = 256;
  private static DatasetSplits data;

  @TempDir Path tmp;

  @BeforeAll
  static void loadData() {
    data = FashionMnist.load(FashionMnist.locate(Optional.empty()), 512, TEST_IMAGES);
  }

  private static TrainSettings settings() {
    return new TrainSettings(3, 1, 0, 64, 0, 1.0, 4, 1, 8, 1, 256,
        2e-3, 1e-5, 0.05, 0.9, 0.999, 1e-8, AugmentationSettings.none());
  }

  private static ExpertMlp model() {
    return new ExpertMlp(28, 7, 16, 2, true, 0.1, 10);
  }

  private static ExpertPlan plan(ExpertMlp model, Scheme scheme) {
    return ReflectiveExpertBuilder.build(ModuleTree.of(model), FusionOverrides.of(scheme, 4));
  }

  private Checkpoint train(Scheme scheme) {
    ExpertMlp model = model();
    RunDirectory dir = RunDirectory.create(tmp.resolve("run-" + scheme.key()), false);
    new Trainer(settings(), List.of()).fit(new TrainingJob("expert-mlp", model, plan(model, scheme), data,
        FashionMnist.NORMALIZATION, dir, false));
    return CheckpointManager.find(dir.root());
  }

  @ParameterizedTest
  @EnumSource(value = Scheme.class, names = {"DENSE", "STATIC", "DYNAMIC", "MEMORY_BANK", "EWA"})
  void exportedModelGivesTheTrainedModelsEvalLogits(Scheme scheme) {
    Checkpoint ckpt = train(scheme);
    ExpertMlp model = model();
    ExportSource source = new ExportSource("expert-mlp", model, plan(model, scheme), FashionMnist.NORMALIZATION, ckpt);
    ExportResult result = DenseExporter.export(source, ExportTarget.resolve(tmp.resolve("models"), "mlp",
        OptionalLong.empty(), false), false);

    assertThat(result.path()).isEqualTo(tmp.resolve("models/mlp/1"));
    assertThat(result.exact()).isTrue();
    assertThat(result.parameters()).isEqualTo(ModuleTree.of(model()).parameterCount());
    float[][] trained = evalLogits(scheme, ckpt);
    float[][] served = servedLogits(result.path());
    assertThat(Matrices.maxAbsDifference(served, trained)).isLessThanOrEqualTo(1e-5);
  }

  private static float[][] evalLogits(Scheme scheme, Checkpoint ckpt) {
    ExpertMlp model = model();
    TrainSettings s = settings();
    try (TrainingGraph graph = TrainingGraph.build(model, plan(model, scheme), s.seed(),
            new TrainingGraph.StepSettings(s.optimizer(), s.gradClip()));
        Session session = new Session(graph.graph)) {
      session.restore(ckpt.variablesPrefix().toString());
      Batch b = new EvalBatches(data.test(), TEST_IMAGES, FashionMnist.NORMALIZATION).iterator().next();
      try (TFloat32 images = TFloat32.tensorOf(Shape.of(b.size(), 28, 28, 1));
          Result r = session.runner().feed(graph.images, fill(images, b.images())).fetch(graph.evalLogits).run()) {
        return Matrices.of((TFloat32) r.get(0));
      }
    }
  }

  private static float[][] servedLogits(Path dir) {
    try (SavedModelBundle bundle = SavedModelBundle.load(dir.toString(), "serve");
        TFloat32 pixels = rawPixels(data.test());
        Result r = bundle.function("serving_default").call(Map.of("images", pixels))) {
      return Matrices.of((TFloat32) r.get("logits").orElseThrow());
    }
  }

  private static TFloat32 fill(TFloat32 t, float[] values) {
    t.asRawTensor().data().asFloats().write(values);
    return t;
  }

  /** The test images as a client sends them: pixel values in [0, 255]. */
  static TFloat32 rawPixels(ImageDataset test) {
    int n = Math.min(TEST_IMAGES, test.size());
    float[] values = new float[n * 28 * 28];
    for (int i = 0; i < n; i++) {
      for (int p = 0; p < 28 * 28; p++) {
        values[i * 784 + p] = Math.round(test.pixel(i, p) * 255);
      }
    }
    return fill(TFloat32.tensorOf(Shape.of(n, 28, 28, 1)), values);
  }
}
