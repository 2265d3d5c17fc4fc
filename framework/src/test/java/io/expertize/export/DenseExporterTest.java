package io.expertize.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

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
import io.expertize.train.ImageClassificationGraph;
import io.expertize.train.TrainingGraph;
import io.expertize.train.TrainingJob;
import io.expertize.train.io.DirectoryLock;
import io.expertize.train.io.Checkpoint;
import io.expertize.train.io.CheckpointManager;
import io.expertize.train.io.RunDirectory;
import io.expertize.train.io.CheckpointException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.types.TString;
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
  private static final Map<Scheme, Checkpoint> trained = new EnumMap<>(Scheme.class);

  @TempDir static Path runs;
  @TempDir Path tmp;

  @BeforeAll
  static void loadData() {
    data = FashionMnist.load(FashionMnist.locate(Optional.empty()), 512, TEST_IMAGES);
  }

  private static TrainSettings settings() {
    return TrainSettings.builder().seed(3).epochs(1).batchSize(64).warmupEpochs(0).logEvery(4).checkpointEvery(8)
        .keepCheckpoints(1).evalBatchSize(256).augmentation(AugmentationSettings.none()).build();
  }

  private static ExpertMlp model() {
    return new ExpertMlp(28, 7, 16, 2, true, 0.1, 10);
  }

  private static ExpertPlan plan(ExpertMlp model, Scheme scheme) {
    return ReflectiveExpertBuilder.build(ModuleTree.of(model), FusionOverrides.of(scheme, 4));
  }

  /** One short run per scheme, shared by the tests of this class. */
  private static Checkpoint trained(Scheme scheme) {
    return trained.computeIfAbsent(scheme, s -> {
      ExpertMlp model = model();
      RunDirectory dir = RunDirectory.create(runs.resolve("run-" + s.key()), false);
      new Trainer(settings(), List.of()).fit(new TrainingJob("expert-mlp", model, plan(model, s), data,
          FashionMnist.NORMALIZATION, dir, false));
      return CheckpointManager.find(dir.root());
    });
  }

  private static ExportSource source(Scheme scheme) {
    ExpertMlp model = model();
    return new ExportSource("expert-mlp", model, plan(model, scheme), FashionMnist.NORMALIZATION, trained(scheme));
  }

  private ExportResult export(Scheme scheme, String name) {
    return DenseExporter.export(source(scheme), ExportTarget.resolve(tmp, name, OptionalLong.empty(), false), false);
  }

  @ParameterizedTest
  @EnumSource(value = Scheme.class, names = {"DENSE", "STATIC", "DYNAMIC", "MEMORY_BANK", "EWA"})
  void exportedModelGivesTheTrainedModelsEvalLogits(Scheme scheme) {
    ExportResult result = export(scheme, "mlp");

    assertThat(result.path()).isEqualTo(tmp.resolve("mlp/1"));
    assertThat(result.exact()).isTrue();
    assertThat(result.parameters()).isEqualTo(ModuleTree.of(model()).parameterCount());
    float[][] served = servedLogits(result.path(), "serving_default", "images", rawPixels(data.test()));
    assertThat(Matrices.maxAbsDifference(served, evalLogits(scheme, trained(scheme)))).isLessThanOrEqualTo(1e-5);
    assertThat(tmp.resolve("mlp")).isDirectoryNotContaining("glob:**/.tmp-*");
  }

  @Test
  void expertExportIsTheDenseExportsGraphWithOtherWeights() throws Exception {
    Map<String, Object> dense = SavedModelInspector.inspect(export(Scheme.DENSE, "dense").path());
    Map<String, Object> mb = SavedModelInspector.inspect(export(Scheme.MEMORY_BANK, "mb").path());
    for (String key : List.of("parameters", "variable_count", "variables", "op_types", "signatures")) {
      assertThat(mb.get(key)).as(key).isEqualTo(dense.get(key));
    }
    assertThat((double) (long) mb.get("size_bytes")).isCloseTo((long) dense.get("size_bytes"), withinPercentage(1));
    assertThat(((Map<?, ?>) mb.get("op_types")).keySet().toString())
        .doesNotContain("RandomUniform", "TruncatedNormal", "ApplyAdam", "Einsum", "TopKV2");
  }

  @Test
  void encodedPngBytesGiveTheSameLogitsAsRawPixels() throws Exception {
    Path dir = export(Scheme.MEMORY_BANK, "mb").path();
    float[][] fromPixels = servedLogits(dir, "serving_default", "images", rawPixels(data.test()));
    int n = fromPixels.length;
    byte[][] png = new byte[n][];
    for (int i = 0; i < n; i++) {
      BufferedImage img = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
      for (int p = 0; p < 784; p++) {
        img.getRaster().setSample(p % 28, p / 28, 0, Math.round(data.test().pixel(i, p) * 255));
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(img, "png", out);
      png[i] = out.toByteArray();
    }
    try (TString bytes = TString.tensorOfBytes(NdArrays.vectorOfObjects(png))) {
      assertThat(Matrices.maxAbsDifference(servedLogits(dir, "serving_image_bytes", "image_bytes", bytes), fromPixels))
          .isLessThanOrEqualTo(1e-6);
    }
  }

  @Test
  void topKIsRefusedUnlessAveragingIsAskedForAndThenSaysSo() throws Exception {
    ExportTarget target = ExportTarget.resolve(tmp, "topk", OptionalLong.empty(), false);
    assertThatThrownBy(() -> DenseExporter.export(source(Scheme.TOP_K), target, false))
        .isInstanceOf(ExportException.class).hasMessageContaining("top-k").hasMessageContaining("--average-top-k");
    assertThat(tmp.resolve("topk")).doesNotExist();

    ExportResult averaged = DenseExporter.export(source(Scheme.TOP_K), target, true);
    assertThat(averaged.exact()).isFalse();
    String metadata = Files.readString(averaged.path().resolve("assets.extra/expertize.json"));
    assertThat(metadata).contains("\"fusion\" : \"averaged-top-k\"", "\"scheme\" : \"topk\"", "warning");
  }

  @Test
  void versionsCountUpAndAnExistingOneIsReplacedOnlyWithForce() throws Exception {
    assertThat(export(Scheme.DENSE, "m").version()).isEqualTo(1);
    assertThat(export(Scheme.DENSE, "m").version()).isEqualTo(2);
    assertThatThrownBy(() -> ExportTarget.resolve(tmp, "m", OptionalLong.of(2), false))
        .isInstanceOf(ExportException.class).hasMessageContaining(tmp.resolve("m/2").toString()).hasMessageContaining("--force");
    long before = Files.getLastModifiedTime(tmp.resolve("m/2/saved_model.pb")).toMillis();
    Thread.sleep(20);
    ExportResult replaced = DenseExporter.export(source(Scheme.EWA),
        ExportTarget.resolve(tmp, "m", OptionalLong.of(2), true), false);
    assertThat(replaced.path()).isEqualTo(tmp.resolve("m/2"));
    assertThat(Files.readString(tmp.resolve("m/2/assets.extra/expertize.json"))).contains("\"scheme\" : \"ewa\"");
    assertThat(Files.getLastModifiedTime(tmp.resolve("m/2/saved_model.pb")).toMillis()).isGreaterThan(before);
    try (var children = Files.list(tmp.resolve("m"))) {
      // TF Serving reads numeric directories only; the export lock's file stays beside them
      assertThat(children.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("1", "2", DirectoryLock.FILE_NAME);
    }
  }

  @Test
  void badNamesAndVersionsSayWhatIsValid() {
    assertThatThrownBy(() -> ExportTarget.resolve(tmp, "../up", OptionalLong.empty(), false))
        .isInstanceOf(ExportException.class).hasMessageContaining("--name '../up'").hasMessageContaining("letters, digits");
    assertThatThrownBy(() -> ExportTarget.resolve(tmp, "m", OptionalLong.of(0), false))
        .isInstanceOf(ExportException.class).hasMessageContaining("--version 0").hasMessageContaining("positive");
  }

  @Test
  void aCheckpointOfAnotherModelIsNamedAndNothingIsWritten() {
    ExpertMlp wider = new ExpertMlp(28, 7, 24, 2, true, 0.1, 10);
    ExportSource mismatched = new ExportSource("expert-mlp", wider, plan(wider, Scheme.MEMORY_BANK),
        FashionMnist.NORMALIZATION, trained(Scheme.MEMORY_BANK));
    assertThatThrownBy(() -> DenseExporter.export(mismatched, ExportTarget.resolve(tmp, "x", OptionalLong.empty(), false), false))
        .isInstanceOf(CheckpointException.class)
        .hasMessageContaining(trained(Scheme.MEMORY_BANK).path().toString())
        .hasMessageContaining("does not hold the variables of model 'expert-mlp' trained with fusion.scheme=mb")
        .hasMessageContaining("head.weight: expected [10, 24], the checkpoint has [10, 16]");
    assertThat(tmp.resolve("x")).doesNotExist();
  }

  private static float[][] evalLogits(Scheme scheme, Checkpoint ckpt) {
    ExpertMlp model = model();
    TrainSettings s = settings();
    try (TrainingGraph<ImageClassificationGraph> graph = TrainingGraph.build(model, plan(model, scheme), s.seed(),
            new TrainingGraph.StepSettings(s.optimizer(), s.gradClip()));
        Session session = new Session(graph.graph)) {
      session.restore(ckpt.variablesPrefix().toString());
      Batch b = new EvalBatches(data.test(), TEST_IMAGES, FashionMnist.NORMALIZATION).iterator().next();
      try (TFloat32 images = TFloat32.tensorOf(Shape.of(b.size(), 28, 28, 1));
          Result r = session.runner().feed(graph.task.images, fill(images, b.images())).fetch(graph.task.evalLogits).run()) {
        return Matrices.of((TFloat32) r.get(0));
      }
    }
  }

  private static float[][] servedLogits(Path dir, String signature, String input, Tensor value) {
    try (value;
        SavedModelBundle bundle = SavedModelBundle.load(dir.toString(), "serve");
        Result r = bundle.function(signature).call(Map.of(input, value))) {
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
