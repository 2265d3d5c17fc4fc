package io.expertize.distill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.expertize.annotations.Scheme;
import io.expertize.data.AugmentationSettings;
import io.expertize.data.Batch;
import io.expertize.data.DatasetSplits;
import io.expertize.data.EvalBatches;
import io.expertize.data.FashionMnist;
import io.expertize.data.Normalization;
import io.expertize.experts.ExpertPlan;
import io.expertize.experts.FusionOverrides;
import io.expertize.experts.ReflectiveExpertBuilder;
import io.expertize.export.DenseExporter;
import io.expertize.export.ExportSource;
import io.expertize.export.ExportTarget;
import io.expertize.export.Matrices;
import io.expertize.graph.ModuleTree;
import io.expertize.testing.ExpertMlp;
import io.expertize.testing.TinyDistilledClassifier;
import io.expertize.train.ImageClassificationGraph;
import io.expertize.train.ImageClassificationTask;
import io.expertize.train.TrainSettings;
import io.expertize.train.Trainer;
import io.expertize.train.TrainingGraph;
import io.expertize.train.TrainingJob;
import io.expertize.train.io.Checkpoint;
import io.expertize.train.io.CheckpointManager;
import io.expertize.train.io.RunDirectory;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.proto.TensorShapeProto;
import org.tensorflow.types.TFloat32;

/**
 * Both kinds of teacher on a real one: a small expert model trained (memory bank) for a few steps on
 * Fashion-MNIST, and its dense export. The classes fed to the student are the export's argmax on the
 * student's augmented images de-normalised to raw pixels; the export, fed them, answers what the trained
 * model answers on the student's normalised images; the run's checkpoint as a teacher gives the same
 * classes as its export.
 */
class TeachersTest {
  private static final Normalization NORM = FashionMnist.NORMALIZATION;
  /** Every augmentation on, Mixup and CutMix always: the teacher must see the mixed images. */
  private static final AugmentationSettings AUG = AugmentationSettings.builder().cropPadding(2).hflip(true)
        .randomErasingProb(0.25).mixupAlpha(0.8).cutmixAlpha(1.0).build();

  @TempDir static Path tmp;
  private static DatasetSplits data;
  private static Checkpoint checkpoint;
  private static Path export;
  private static SavedModelTeacher savedModel;

  private static ExpertMlp teacherModel() {
    return new ExpertMlp(28, 7, 16, 2, false, 0.0, 10);
  }

  private static ExpertPlan plan(ExpertMlp model) {
    return ReflectiveExpertBuilder.build(ModuleTree.of(model), FusionOverrides.of(Scheme.MEMORY_BANK, 4));
  }

  static TrainSettings settings(int checkpointEvery) {
    return TrainSettings.builder().seed(11).epochs(2).batchSize(64).warmupEpochs(0.5).logEvery(2)
        .checkpointEvery(checkpointEvery).evalBatchSize(256).augmentation(AUG).build();
  }

  @BeforeAll
  static void trainAndExportATeacher() {
    data = FashionMnist.load(FashionMnist.locate(Optional.empty()), 512, 256);
    ExpertMlp model = teacherModel();
    RunDirectory run = RunDirectory.create(tmp.resolve("teacher-run"), false);
    try {
      Files.writeString(run.configFile(), "model: expert-mlp\n"); // what makes it a run directory for TeacherPath
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    new Trainer(settings(8), List.of()).fit(new TrainingJob("expert-mlp", model, plan(model), data, NORM, run, false));
    checkpoint = CheckpointManager.find(run.root());
    ExpertMlp exported = teacherModel();
    export = DenseExporter.export(new ExportSource("expert-mlp", exported, plan(exported), NORM, checkpoint),
        ExportTarget.resolve(tmp.resolve("models"), "teacher", OptionalLong.empty(), false), false).path();
    savedModel = SavedModelTeacher.open(export, 1, TeacherInput.PIXELS, NORM, 28, 1, 10, DistillationType.HARD);
  }

  @AfterAll
  static void close() {
    savedModel.close();
  }

  private static CheckpointTeacher runTeacher(Normalization student) {
    ExpertMlp model = teacherModel();
    return new CheckpointTeacher("expert-mlp", model, plan(model), NORM, student, checkpoint);
  }

  private static DistillationTask task(Teacher teacher) {
    return task(teacher, data);
  }

  static DistillationTask task(Teacher teacher, DatasetSplits data) {
    return task(teacher, data, DistillationObjective.hard(0.5));
  }

  static DistillationTask task(Teacher teacher, DatasetSplits data, DistillationObjective objective) {
    return new DistillationTask(new ImageClassificationTask(new TinyDistilledClassifier(28, 10, 7, 16), data, NORM),
        teacher, objective);
  }

  @Test
  void theStudentsClassesAreTheExportsArgmaxOnItsAugmentedImagesAsRawPixels() {
    assertThat(savedModel.info().kind()).isEqualTo("savedmodel");
    assertThat(savedModel.info().model()).isEqualTo("expert-mlp");
    assertThat(savedModel.info().version()).isEqualTo(1);
    assertThat(savedModel.info().fingerprint()).hasSize(64);
    assertThat(savedModel.info().output()).isEqualTo("logits");
    assertThat(savedModel.info().scores()).isEqualTo(TeacherScores.LOGITS);
    var stream = task(savedModel).trainBatches(settings(8));
    try (SavedModelBundle bundle = SavedModelBundle.load(export.toString(), "serve")) {
      for (long step : new long[] {0, 5, 13}) {
        DistillationBatch b = stream.batchAt(step, null);
        assertThat(mixed(b.batch())).as("step %d is mixed", step).isTrue();
        int n = b.batch().size();
        float[] pixels = new float[b.batch().images().length];
        for (int i = 0; i < pixels.length; i++) { // (x * std + mean) * 255, in double
          pixels[i] = (float) ((b.batch().images()[i] * (double) NORM.std(0) + NORM.mean(0)) * 255);
        }
        float[][] served = logits(bundle, pixels, n);
        long[] expected = new long[n];
        for (int i = 0; i < n; i++) {
          expected[i] = Matrices.argMax(served[i]);
        }
        assertThat(b.teacherClasses()).as("step %d", step).containsExactly(expected);
        // the scores are the served logits themselves, on the pixels the teacher converts in float32
        float[] fed = new float[pixels.length];
        TeacherInput.PIXELS.convert(b.batch().images(), fed.length, NORM, fed);
        assertThat(b.teacherScores()).as("step %d", step).containsExactly(flatten(logits(bundle, fed, n)));
        // what the export computes from the raw pixels is what the trained model computes from the student's images
        assertThat(Matrices.maxAbsDifference(served, trainedLogits(b.batch().images(), n))).isLessThanOrEqualTo(1e-5);
      }
    }
  }

  @Test
  void aRunsCheckpointTeachesTheClassesOfItsExport() {
    try (CheckpointTeacher run = runTeacher(NORM)) {
      assertThat(run.info().kind()).isEqualTo("run");
      assertThat(run.info().step()).isEqualTo(checkpoint.step());
      assertThat(run.info().path()).isEqualTo(checkpoint.path());
      assertThat(run.info().scores()).isEqualTo(TeacherScores.LOGITS);
      var fromRun = task(run).trainBatches(settings(8));
      var fromExport = task(savedModel).trainBatches(settings(8));
      for (long step = 0; step < 8; step++) {
        assertThat(fromRun.batchAt(step, null).teacherClasses()).as("step %d", step)
            .containsExactly(fromExport.batchAt(step, null).teacherClasses());
      }
      EvalBatches test = new EvalBatches(data.test(), 256, NORM);
      Batch all = test.batchAt(0, null);
      long[] a = new long[all.size()];
      long[] b = new long[all.size()];
      run.classify(all.images(), all.size(), a);
      savedModel.classify(all.images(), all.size(), b);
      assertThat(a).containsExactly(b);
      // and the same logits, up to the fused export's rounding
      float[] fromRunScores = new float[all.size() * 10];
      float[] fromExportScores = new float[all.size() * 10];
      run.scores(all.images(), all.size(), fromRunScores);
      savedModel.scores(all.images(), all.size(), fromExportScores);
      for (int i = 0; i < fromRunScores.length; i++) {
        assertThat(fromRunScores[i]).isCloseTo(fromExportScores[i], within(1e-4f));
      }
    }
  }

  /** Whatever the scheme (top-k MoE too, which no dense export computes), a run teaches the classes its evaluation predicts. */
  @ParameterizedTest
  @EnumSource(value = Scheme.class, names = {"DENSE", "EWA", "TOP_K"})
  void aRunOfAnySchemeTeachesTheClassesItsEvaluationPredicts(Scheme scheme) {
    ExpertMlp model = teacherModel();
    ExpertPlan plan = ReflectiveExpertBuilder.build(ModuleTree.of(model), FusionOverrides.of(scheme, 4));
    RunDirectory dir = RunDirectory.create(tmp.resolve("scheme-" + scheme.key()), false);
    new Trainer(settings(8), List.of()).fit(new TrainingJob("expert-mlp", model, plan, data, NORM, dir, false));
    Checkpoint trained = CheckpointManager.find(dir.root());
    Batch b = new EvalBatches(data.test(), 256, NORM).batchAt(0, null);
    long[] taught = new long[b.size()];
    ExpertMlp teacher = teacherModel();
    try (CheckpointTeacher run = new CheckpointTeacher("expert-mlp", teacher,
        ReflectiveExpertBuilder.build(ModuleTree.of(teacher), FusionOverrides.of(scheme, 4)), NORM, NORM, trained)) {
      run.classify(b.images(), b.size(), taught);
    }
    ExpertMlp evaluated = teacherModel();
    TrainSettings s = settings(8);
    try (TrainingGraph<ImageClassificationGraph> graph = TrainingGraph.build(evaluated,
            ReflectiveExpertBuilder.build(ModuleTree.of(evaluated), FusionOverrides.of(scheme, 4)), s.seed(),
            new TrainingGraph.StepSettings(s.optimizer(), s.gradClip()));
        Session session = new Session(graph.graph);
        TFloat32 images = TFloat32.tensorOf(Shape.of(b.size(), 28, 28, 1), DataBuffers.of(b.images(), true, false))) {
      session.restore(trained.variablesPrefix().toString());
      try (Result r = session.runner().feed(graph.task.images, images).fetch(graph.task.evalPredictions).run()) {
        long[] predicted = new long[b.size()];
        ((org.tensorflow.types.TInt64) r.get(0)).asRawTensor().data().asLongs().read(predicted);
        assertThat(taught).containsExactly(predicted);
      }
    }
  }

  @Test
  void aRunTeacherOfAnotherNormalisationGetsTheImagesInItsOwn() {
    EvalBatches normalized = new EvalBatches(data.test(), 256, NORM);
    EvalBatches unit = new EvalBatches(data.test(), 256, Normalization.identity(1));
    Batch n = normalized.batchAt(0, null);
    Batch u = unit.batchAt(0, null);
    long[] a = new long[n.size()];
    long[] b = new long[n.size()];
    try (CheckpointTeacher same = runTeacher(NORM); CheckpointTeacher other = runTeacher(Normalization.identity(1))) {
      same.classify(n.images(), n.size(), a);
      other.classify(u.images(), u.size(), b);
      assertThat(other.info().input()).contains("re-normalised");
    }
    assertThat(b).containsExactly(a);
  }

  /**
   * An export that answers only its probabilities: the scores are their log, exactly; softmax of them at
   * any temperature is softmax of the export's logits at that temperature (log softmax(z) is z minus a
   * per-row constant); the classes are the same. Answering an output of another name, only the argmax is
   * known to mean anything.
   */
  @Test
  void aSavedModelAnsweringProbabilitiesTeachesTheirLogWhoseSoftmaxIsItsLogitsSoftmax() throws Exception {
    Path probabilities = exportAnswering("probabilities", Map.of("probabilities", "probabilities", "classes", "classes"));
    Path unnamed = exportAnswering("unnamed", Map.of("probabilities", "scores"));
    Batch b = new EvalBatches(data.test(), 256, NORM).batchAt(0, null);
    int n = b.size();
    float[] pixels = new float[b.images().length];
    TeacherInput.PIXELS.convert(b.images(), pixels.length, NORM, pixels);
    try (SavedModelTeacher teacher = SavedModelTeacher.open(probabilities, -1, TeacherInput.PIXELS, NORM, 28, 1, 10, DistillationType.HARD);
        SavedModelTeacher other = SavedModelTeacher.open(unnamed, -1, TeacherInput.PIXELS, NORM, 28, 1, 10, DistillationType.HARD);
        SavedModelBundle bundle = SavedModelBundle.load(export.toString(), "serve")) {
      assertThat(teacher.info().output()).isEqualTo("probabilities");
      assertThat(teacher.info().scores()).isEqualTo(TeacherScores.LOG_PROBABILITIES);
      assertThat(teacher.info().describe()).contains("scores log(probabilities)");
      float[] scores = new float[n * 10];
      teacher.scores(b.images(), n, scores);
      float[][] served = served(bundle, pixels, n, "probabilities");
      float[][] logits = logits(bundle, pixels, n);
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < 10; j++) {
          assertThat(scores[i * 10 + j]).isEqualTo((float) Math.log(served[i][j]));
        }
        for (double tau : new double[] {1, 2, 0.5}) {
          double[] fromScores = softmax(java.util.Arrays.copyOfRange(scores, i * 10, i * 10 + 10), tau);
          double[] fromLogits = softmax(logits[i], tau);
          for (int j = 0; j < 10; j++) {
            assertThat(fromScores[j]).as("image %d, class %d, tau %s", i, j, tau).isCloseTo(fromLogits[j], within(2e-6));
          }
        }
      }
      long[] a = new long[n];
      long[] c = new long[n];
      long[] expected = new long[n];
      teacher.classify(b.images(), n, a);
      other.classify(b.images(), n, c);
      savedModel.classify(b.images(), n, expected);
      assertThat(a).containsExactly(expected);
      assertThat(other.info().output()).isEqualTo("scores");
      assertThat(other.info().scores()).isEqualTo(TeacherScores.ARGMAX_ONLY);
      assertThat(other.info().scores().givesDistribution()).isFalse();
      assertThat(other.info().describe()).contains("scores 'scores' (argmax only)");
      assertThat(c).containsExactly(expected);
    }
    // for soft distillation, scores that may be probabilities or logits cannot be used: refused before loading
    assertThatThrownBy(() -> SavedModelTeacher.open(unnamed, -1, TeacherInput.PIXELS, NORM, 28, 1, 10,
        DistillationType.SOFT)).isInstanceOf(TeacherException.class)
        .hasMessageContaining("answers 'scores' float32 [?, 10], named neither 'logits' nor 'probabilities'")
        .hasMessageContaining("distill.type = soft");
    try (SavedModelTeacher soft = SavedModelTeacher.open(probabilities, -1, TeacherInput.PIXELS, NORM, 28, 1, 10,
        DistillationType.SOFT)) {
      assertThat(soft.info().scores().givesDistribution()).isTrue();
    }
  }

  @Test
  void aSavedModelOfOtherImagesOrClassesIsRefusedSayingWhatEachTakes() {
    assertThatThrownBy(() -> SavedModelTeacher.open(export, 1, TeacherInput.PIXELS, NORM, 28, 1, 12, DistillationType.HARD))
        .isInstanceOf(TeacherException.class).hasMessageContaining("answers 'logits' float32 [?, 10]")
        .hasMessageContaining("12 classes");
    assertThatThrownBy(() -> SavedModelTeacher.open(export, 1, TeacherInput.PIXELS, NORM, 32, 3, 10, DistillationType.HARD))
        .isInstanceOf(TeacherException.class).hasMessageContaining("takes 'images' float32 [?, 28, 28, 1]")
        .hasMessageContaining("float32 [?, 32, 32, 3]");
  }

  @Test
  void aTextModelOrAModelWithoutServingDefaultIsRefused() throws Exception {
    Path text = savedModelProto("text", "serving_default", "inputs", DataType.DT_STRING, Shape.of(-1));
    assertThatThrownBy(() -> SavedModelTeacher.open(text, -1, TeacherInput.PIXELS, NORM, 28, 1, 10, DistillationType.HARD))
        .isInstanceOf(TeacherException.class).hasMessageContaining("takes strings ('inputs'): a text model");
    Path other = savedModelProto("other", "classify", "images", DataType.DT_FLOAT, Shape.of(-1, 28, 28, 1));
    assertThatThrownBy(() -> SavedModelTeacher.open(other, -1, TeacherInput.PIXELS, NORM, 28, 1, 10, DistillationType.HARD))
        .isInstanceOf(TeacherException.class).hasMessageContaining("no signature serving_default (it has [classify])");
  }

  @Test
  void pathsResolveToASavedModelVersionOrARunCheckpoint() throws Exception {
    assertThat(TeacherPath.resolve(export)).isEqualTo(new TeacherPath.SavedModelDir(export, 1));
    Path base = tmp.resolve("base/m");
    for (String v : List.of("3", "12", "7")) {
      Files.createDirectories(base.resolve(v));
      Files.writeString(base.resolve(v).resolve("saved_model.pb"), "");
    }
    assertThat(TeacherPath.resolve(base)).isEqualTo(new TeacherPath.SavedModelDir(base.resolve("12"), 12));
    Path run = tmp.resolve("teacher-run");
    assertThat(TeacherPath.resolve(run)).isEqualTo(new TeacherPath.RunDir(run, null));
    assertThat(TeacherPath.resolve(checkpoint.path())).isEqualTo(new TeacherPath.RunDir(run, checkpoint.path()));

    assertThatThrownBy(() -> TeacherPath.resolve(tmp.resolve("nowhere"))).isInstanceOf(TeacherException.class)
        .hasMessageContaining("nowhere does not exist; expected a SavedModel");
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    assertThatThrownBy(() -> TeacherPath.resolve(empty)).isInstanceOf(TeacherException.class)
        .hasMessageContaining("holds neither saved_model.pb, numbered SavedModel versions nor config.yaml")
        .hasMessageContaining("run directory of `expertize train`");
    assertThatThrownBy(() -> TeacherPath.resolve(run.resolve("config.yaml"))).isInstanceOf(TeacherException.class)
        .hasMessageContaining("is a file");
  }

  /** Whether some targets are mixed: two classes above the smoothing's 0.01 (0.1 over 10 classes). */
  private static boolean mixed(Batch b) {
    int k = b.numClasses();
    for (int i = 0; i < b.size(); i++) {
      int large = 0;
      for (int j = 0; j < k; j++) {
        large += b.targets()[i * k + j] > 0.0105f ? 1 : 0;
      }
      if (large > 1) {
        return true;
      }
    }
    return false;
  }

  /** The trained model's inference logits (experts unfused) on the student's normalised images. */
  private static float[][] trainedLogits(float[] normalized, int n) {
    ExpertMlp model = teacherModel();
    TrainSettings s = settings(8);
    try (TrainingGraph<ImageClassificationGraph> graph = TrainingGraph.build(model, plan(model), s.seed(),
            new TrainingGraph.StepSettings(s.optimizer(), s.gradClip()));
        Session session = new Session(graph.graph);
        TFloat32 images = TFloat32.tensorOf(Shape.of(n, 28, 28, 1), DataBuffers.of(normalized, true, false))) {
      session.restore(checkpoint.variablesPrefix().toString());
      try (Result r = session.runner().feed(graph.task.images, images).fetch(graph.task.evalLogits).run()) {
        return Matrices.of((TFloat32) r.get(0));
      }
    }
  }

  private static float[][] logits(SavedModelBundle bundle, float[] pixels, int n) {
    return served(bundle, pixels, n, "logits");
  }

  private static float[][] served(SavedModelBundle bundle, float[] pixels, int n, String output) {
    try (TFloat32 t = TFloat32.tensorOf(Shape.of(n, 28, 28, 1), DataBuffers.of(pixels, true, false));
        Result r = bundle.function("serving_default").call(Map.of("images", t))) {
      return Matrices.of((TFloat32) r.get(output).orElseThrow());
    }
  }

  private static float[] flatten(float[][] m) {
    float[] flat = new float[m.length * m[0].length];
    for (int i = 0; i < m.length; i++) {
      System.arraycopy(m[i], 0, flat, i * m[0].length, m[0].length);
    }
    return flat;
  }

  private static double[] softmax(float[] z, double tau) {
    double max = Double.NEGATIVE_INFINITY;
    for (float v : z) {
      max = Math.max(max, v / tau);
    }
    double sum = 0;
    double[] e = new double[z.length];
    for (int j = 0; j < z.length; j++) {
      e[j] = Math.exp(z[j] / tau - max);
      sum += e[j];
    }
    for (int j = 0; j < z.length; j++) {
      e[j] /= sum;
    }
    return e;
  }

  /**
   * A copy of the export (graph and variables) whose serving_default answers only some of the export's
   * outputs, under the names given ({@code export's name -> new name}): a SavedModel made elsewhere.
   */
  private static Path exportAnswering(String name, Map<String, String> outputs) throws Exception {
    Path dir = tmp.resolve("answering").resolve(name);
    try (var files = Files.walk(export)) {
      for (Path p : files.toList()) {
        Path to = dir.resolve(export.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else if (!p.getFileName().toString().equals("saved_model.pb")) {
          Files.copy(p, to);
        }
      }
    }
    SavedModel saved;
    try (var in = Files.newInputStream(export.resolve("saved_model.pb"))) {
      saved = SavedModel.parseFrom(in);
    }
    SavedModel.Builder rewritten = saved.toBuilder();
    for (MetaGraphDef.Builder meta : rewritten.getMetaGraphsBuilderList()) {
      SignatureDef signature = meta.getSignatureDefOrThrow("serving_default");
      SignatureDef.Builder answering = signature.toBuilder().clearOutputs();
      outputs.forEach((from, to) -> answering.putOutputs(to, signature.getOutputsOrThrow(from)));
      meta.putSignatureDef("serving_default", answering.build());
    }
    try (OutputStream out = Files.newOutputStream(dir.resolve("saved_model.pb"))) {
      rewritten.build().writeTo(out);
    }
    return dir;
  }

  /** A saved_model.pb with one signature and no graph: the teacher's checks read it before loading. */
  private static Path savedModelProto(String name, String signature, String input, DataType type, Shape shape)
      throws Exception {
    TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
    for (long d : shape.asArray()) {
      s.addDim(TensorShapeProto.Dim.newBuilder().setSize(d));
    }
    SignatureDef def = SignatureDef.newBuilder().setMethodName("tensorflow/serving/predict")
        .putInputs(input, TensorInfo.newBuilder().setName(input + ":0").setDtype(type).setTensorShape(s).build())
        .putOutputs("outputs", TensorInfo.newBuilder().setName("outputs:0").setDtype(DataType.DT_STRING).build())
        .build();
    MetaGraphDef meta = MetaGraphDef.newBuilder()
        .setMetaInfoDef(MetaGraphDef.MetaInfoDef.newBuilder().addTags("serve"))
        .putSignatureDef(signature, def).build();
    Path dir = Files.createDirectories(tmp.resolve("protos").resolve(name));
    try (OutputStream out = Files.newOutputStream(dir.resolve("saved_model.pb"))) {
      SavedModel.newBuilder().setSavedModelSchemaVersion(1).addMetaGraphs(meta).build().writeTo(out);
    }
    return dir;
  }
}
