package io.expertize.cli;

import static io.expertize.cli.CliEndToEndTest.cli;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.expertize.cli.CliEndToEndTest.Outcome;
import io.expertize.train.io.EventFileReader;
import io.expertize.train.io.MetricsLog;
import io.expertize.train.io.ScalarEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.proto.TensorShapeProto;

/**
 * DeiT distillation through the CLI on the real Fashion-MNIST package, shrunk to seconds: a tiny
 * quickstart ViT trained and exported is the teacher of a tiny {@code deit_nano_distilled_patch7_28}
 * (memory-bank experts, Mixup and CutMix on), hard from the export and from the run directory, which teach
 * the same classes (the two students' losses are equal to the last digit), and soft (tau 2) from the
 * export; the runs record the exact teacher and how it teaches, resume exactly, refuse a changed teacher,
 * evaluate without it and export dense exactly; every wrong teacher, student or setting is refused with
 * exit code 2, naming the key, before a run directory exists.
 */
class DistillationEndToEndTest {
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  private static final List<String> SMALL_DATA = List.of("--set", "data.train-subset=512", "--set", "data.test-subset=256");
  /** One block of 32 wide, 6 steps of 32 mixed images, every step logged, checkpoints at 3 and 6. */
  private static final List<String> STUDENT = List.of("--config", REPO.resolve("configs/deit_fashion.yaml").toString(),
      "--set", "model.dim=32", "--set", "model.depth=1", "--set", "model.heads=2", "--set", "fusion.scheme=mb",
      "--set", "train.steps=6", "--set", "train.batch-size=32", "--set", "train.log-every=1",
      "--set", "train.checkpoint-every=3", "--set", "aug.mixup-alpha=0.8", "--set", "aug.cutmix-alpha=1.0");

  @TempDir static Path tmp;
  private static Path teacherRun;
  private static Path models;
  private static Path fromExport;
  private static Path fromRun;
  private static Path soft;

  private static Outcome train(Path out, String... more) {
    List<String> args = new ArrayList<>(List.of("train"));
    args.addAll(STUDENT);
    args.addAll(SMALL_DATA);
    args.addAll(List.of(more));
    args.addAll(List.of("--out", out.toString()));
    return cli(args.toArray(String[]::new));
  }

  @BeforeAll
  static void trainAndExportATeacherThenTwoStudents() {
    teacherRun = tmp.resolve("teacher");
    List<String> args = new ArrayList<>(List.of("train", "--config", REPO.resolve("configs/vit_quickstart.yaml").toString(),
        "--set", "model.dim=32", "--set", "model.depth=1", "--set", "model.heads=2", "--set", "train.steps=8",
        "--set", "train.batch-size=32", "--set", "train.checkpoint-every=4"));
    args.addAll(SMALL_DATA);
    args.addAll(List.of("--out", teacherRun.toString()));
    Outcome teacher = cli(args.toArray(String[]::new));
    assertThat(teacher.code()).as(teacher.err()).isZero();
    models = tmp.resolve("models");
    Outcome export = cli("export", "--run", teacherRun.toString(), "--out", models.toString(), "--name", "teacher");
    assertThat(export.code()).as(export.err()).isZero();

    fromExport = tmp.resolve("student-export");
    Outcome a = train(fromExport, "--set", "distill.teacher=" + models.resolve("teacher"));
    assertThat(a.code()).as(a.err()).isZero();
    assertThat(a.out()).contains("distilling from SavedModel " + models.resolve("teacher/1") + " (vit_quickstart, ")
        .contains("28x28x1 images, 10 classes, fed pixels, scores logits, sha256 ")
        .contains("), hard, alpha 0.5: the distillation head learns the teacher's argmax")
        .contains("is recorded as " + models.resolve("teacher/1") + " in config.yaml");
    fromRun = tmp.resolve("student-run");
    Outcome b = train(fromRun, "--set", "distill.teacher=" + teacherRun);
    assertThat(b.code()).as(b.err()).isZero();
    assertThat(b.out()).contains("distilling from run checkpoint " + teacherRun.resolve("checkpoints/ckpt-000000008")
        + " (vit_quickstart, step 8, ");
    soft = tmp.resolve("student-soft");
    Outcome c = train(soft, "--set", "distill.teacher=" + models.resolve("teacher"), "--set", "distill.type=soft",
        "--set", "distill.tau=2");
    assertThat(c.code()).as(c.err()).isZero();
    assertThat(c.out()).contains("fed pixels, scores logits, sha256 ")
        .contains("), soft, tau 2.0, alpha 0.5: the distillation head learns the teacher's softmax(scores / 2.0)");
  }

  @Test
  void theRunRecordsTheExactTeacherAndLogsBothLossTerms() throws IOException {
    assertThat(Files.readString(fromExport.resolve("config.yaml")))
        .contains("distill.teacher: " + models.resolve("teacher/1")).contains("distill.alpha: 0.5");
    JsonNode teacher = new ObjectMapper().readTree(fromExport.resolve("teacher.json").toFile());
    assertThat(teacher.get("kind").asText()).isEqualTo("savedmodel");
    assertThat(teacher.get("model").asText()).isEqualTo("vit_quickstart");
    assertThat(teacher.get("version").asLong()).isEqualTo(1);
    assertThat(teacher.get("classes").asInt()).isEqualTo(10);
    assertThat(teacher.get("image_size").asInt()).isEqualTo(28);
    assertThat(teacher.get("sha256").asText()).matches("[0-9a-f]{64}");
    assertThat(teacher.get("output").asText()).isEqualTo("logits");
    assertThat(teacher.get("scores").asText()).isEqualTo("logits");
    assertThat(teacher.get("distillation").toString()).isEqualTo("{\"type\":\"hard\",\"alpha\":0.5}");
    JsonNode fromRunTeacher = new ObjectMapper().readTree(fromRun.resolve("teacher.json").toFile());
    assertThat(fromRunTeacher.get("kind").asText()).isEqualTo("run");
    assertThat(fromRunTeacher.get("step").asLong()).isEqualTo(8);
    assertThat(Files.readString(fromRun.resolve("config.yaml")))
        .contains("distill.teacher: " + teacherRun.resolve("checkpoints/ckpt-000000008"));

    List<ObjectNode> lines = trainLines(fromExport);
    assertThat(lines).hasSize(6).allSatisfy(l -> {
      JsonNode d = l.get("diagnostics");
      double classLoss = d.get("distillation/class_loss").get(0).asDouble();
      double distillationLoss = d.get("distillation/distillation_loss").get(0).asDouble();
      assertThat(l.get("loss").asDouble()).isCloseTo(0.5 * classLoss + 0.5 * distillationLoss, within(1e-5));
      assertThat(d.get("distillation/teacher_agreement").get(0).asDouble()).isBetween(0.0, 1.0);
    });
    List<ScalarEvent> events = EventFileReader.readScalarsIn(fromExport.resolve("tensorboard/train"));
    assertThat(events).extracting(ScalarEvent::tag).contains("loss", "distillation/class_loss",
        "distillation/distillation_loss", "distillation/teacher_agreement");
  }

  /**
   * Soft: recorded with its temperature; the loss is the two terms; the first step's class-head loss is the
   * hard student's (same initialisation, same batch), its distillation term is not (KL at tau 2, not CE).
   */
  @Test
  void aSoftRunRecordsTypeAndTauAndLogsBothLossTerms() throws IOException {
    assertThat(Files.readString(soft.resolve("config.yaml"))).contains("distill.type: soft").contains("distill.tau: 2.0")
        .contains("distill.teacher: " + models.resolve("teacher/1"));
    JsonNode teacher = new ObjectMapper().readTree(soft.resolve("teacher.json").toFile());
    assertThat(teacher.get("scores").asText()).isEqualTo("logits");
    assertThat(teacher.get("distillation").toString()).isEqualTo("{\"type\":\"soft\",\"alpha\":0.5,\"tau\":2.0}");
    List<ObjectNode> lines = trainLines(soft);
    assertThat(lines).hasSize(6).allSatisfy(l -> {
      JsonNode d = l.get("diagnostics");
      double classLoss = d.get("distillation/class_loss").get(0).asDouble();
      double distillationLoss = d.get("distillation/distillation_loss").get(0).asDouble();
      assertThat(l.get("loss").asDouble()).isCloseTo(0.5 * classLoss + 0.5 * distillationLoss, within(1e-5));
      assertThat(distillationLoss).isPositive();
    });
    assertThat(diagnostic(soft, "distillation/class_loss").get(0))
        .isEqualTo(diagnostic(fromExport, "distillation/class_loss").get(0));
    assertThat(diagnostic(soft, "distillation/distillation_loss").get(0))
        .isNotEqualTo(diagnostic(fromExport, "distillation/distillation_loss").get(0));
  }

  /** Same teacher classes on every batch, so the same steps: the run directory teaches as its export does. */
  @Test
  void aRunDirectoryAndItsExportTeachTheSameClasses() throws IOException {
    assertThat(losses(fromRun)).hasSize(6).isEqualTo(losses(fromExport));
    assertThat(diagnostic(fromRun, "distillation/teacher_agreement"))
        .isEqualTo(diagnostic(fromExport, "distillation/teacher_agreement"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"hard", "soft"})
  void aResumedStudentIsTaughtExactlyAsAnUninterruptedOne(String type) throws IOException {
    Path uninterrupted = type.equals("hard") ? fromExport : soft;
    Path interrupted = tmp.resolve("interrupted-" + type);
    Directories.copy(uninterrupted, interrupted);
    // as if it stopped after step 4: its newest checkpoint is ckpt-3, its log holds steps 1..4
    deleteRecursively(interrupted.resolve("checkpoints/ckpt-000000006"));
    Files.delete(interrupted.resolve("summary.json"));
    List<String> kept = Files.readAllLines(interrupted.resolve("metrics.jsonl")).stream()
        .filter(l -> l.contains("\"kind\":\"train\"") && stepOf(l) <= 4).toList();
    Files.write(interrupted.resolve("metrics.jsonl"), kept);

    Outcome o = cli("train", "--resume", interrupted.toString());
    assertThat(o.code()).as(o.err()).isZero();
    assertThat(o.out()).contains("steps 3..6").contains(", " + type + ", ").contains("(the teacher this run started with)");
    List<Double> resumed = losses(interrupted);
    // step 4, logged after the checkpoint, is dropped on resume and logged again: every step once
    assertThat(resumed).hasSize(6);
    assertThat(resumed.subList(3, 6)).isEqualTo(losses(uninterrupted).subList(3, 6));
    assertThat(new ObjectMapper().readTree(interrupted.resolve("summary.json").toFile()).get("eval_top1"))
        .isEqualTo(new ObjectMapper().readTree(uninterrupted.resolve("summary.json").toFile()).get("eval_top1"));
  }

  /** config.yaml edited by hand after the start: teacher.json still says how the run was taught. */
  @Test
  void aResumedStudentRefusesAnotherDistillationType() throws IOException {
    Path edited = tmp.resolve("edited-type");
    Directories.copy(soft, edited);
    Path config = edited.resolve("config.yaml");
    Files.writeString(config, Files.readString(config).replace("distill.type: soft", "distill.type: hard")
        .replace("distill.tau: 2.0", "distill.tau: 1.0"));
    Outcome o = cli("train", "--resume", edited.toString());
    assertThat(o.code()).as(o.out() + o.err()).isEqualTo(2);
    assertThat(o.err()).contains("distill.type: " + config + " says hard, but the run started with soft");
  }

  @Test
  void aResumedStudentRefusesAnotherTeacher() throws IOException {
    Path changed = tmp.resolve("changed-teacher");
    Directories.copy(fromExport, changed);
    Path record = changed.resolve("teacher.json");
    ObjectNode teacher = (ObjectNode) new ObjectMapper().readTree(record.toFile());
    teacher.put("sha256", "0".repeat(64)); // as if the SavedModel at the recorded path had been replaced
    Files.writeString(record, teacher.toString());
    Outcome o = cli("train", "--resume", changed.toString());
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).contains("distill.teacher: " + models.resolve("teacher/1"))
        .contains("is not the teacher this run started with");
  }

  @Test
  void theStudentEvaluatesWithoutItsTeacherAndExportsDenseExactly() throws IOException {
    JsonNode summary = new ObjectMapper().readTree(fromRun.resolve("summary.json").toFile());
    assertThat(summary.get("example_unit").asText()).isEqualTo("images");
    Outcome eval = cli("eval", "--run", fromRun.toString(), "--json");
    assertThat(eval.code()).as(eval.err()).isZero();
    assertThat(new ObjectMapper().readTree(eval.out()).get("top1").asDouble()).isEqualTo(summary.get("eval_top1").asDouble());

    Outcome export = cli("export", "--run", fromRun.toString(), "--out", tmp.resolve("student-models").toString(), "--json");
    assertThat(export.code()).as(export.err()).isZero();
    JsonNode result = new ObjectMapper().readTree(export.out());
    assertThat(result.get("fusion").asText()).isEqualTo("exact");
    assertThat(result.get("scheme").asText()).isEqualTo("mb");
    assertThat(result.get("parameters").asLong()).isEqualTo(summary.get("params").asLong());
    assertThat(result.get("max_abs_logit_difference").asDouble()).isLessThanOrEqualTo(1e-4);
  }

  private static void assertRefused(Outcome o, String... message) {
    assertThat(o.code()).as(o.out() + o.err()).isEqualTo(2);
    assertThat(o.err()).contains(message);
  }

  @Test
  void wrongTeachersAndStudentsAreRefusedNamingTheKeyAndWhatIsValid() throws Exception {
    Path never = tmp.resolve("never");
    assertRefused(train(never, "--set", "distill.teacher=" + tmp.resolve("nowhere")),
        "distill.teacher: " + tmp.resolve("nowhere") + " does not exist; expected a SavedModel");
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    assertRefused(train(never, "--set", "distill.teacher=" + empty),
        "holds neither saved_model.pb, numbered SavedModel versions nor config.yaml", "run directory of `expertize train`");
    Path rgb = savedModel("rgb", "images", DataType.DT_FLOAT, 32, 32, 3);
    assertRefused(train(never, "--set", "distill.teacher=" + rgb),
        "distill.teacher: " + rgb + ": its serving_default takes 'images' float32 [?, 32, 32, 3]",
        "the student's images are float32 [?, 28, 28, 1]");
    Path text = savedModel("text", "inputs", DataType.DT_STRING);
    assertRefused(train(never, "--set", "distill.teacher=" + text), "takes strings ('inputs'): a text model");
    Path textRun = Files.createDirectories(tmp.resolve("text-run"));
    Files.writeString(textRun.resolve("config.yaml"), "model: t5_tiny_fortunes\ndata: fortunes\n");
    assertRefused(train(never, "--set", "distill.teacher=" + textRun),
        "trained t5_tiny_fortunes on data = fortunes: a text model");
    assertRefused(train(never, "--set", "distill.teacher=" + teacherRun, "--set", "distill.teacher-input=unit"),
        "distill.teacher-input = unit applies to a SavedModel teacher");
    assertRefused(train(never, "--set", "model=vit_quickstart", "--set", "distill.teacher=" + models),
        "distill.teacher: model 'vit_quickstart' has no distillation head",
        "deit_nano_distilled_patch7_28, deit_small_distilled_patch16_224, deit_tiny_distilled_patch16_224");
    assertRefused(cli("train", "--config", REPO.resolve("configs/t5_tiny_fortunes.yaml").toString(),
        "--set", "distill.teacher=" + models, "--out", never.toString()),
        "distill.teacher: data = fortunes is text", "on image data");
    assertRefused(train(never, "--set", "distill.alpha=0.3"),
        "distill.alpha = 0.3 applies only with distill.teacher");
    assertRefused(train(never, "--set", "distill.alpha=2", "--set", "distill.teacher=" + models),
        "distill.alpha", "[0, 1]");
    assertRefused(train(never, "--set", "distill.type=soft"),
        "distill.type = soft applies only with distill.teacher");
    assertRefused(train(never, "--set", "distill.tau=2"),
        "distill.tau = 2.0 applies only with distill.teacher");
    assertRefused(train(never, "--set", "distill.tau=2", "--set", "distill.teacher=" + models),
        "distill.tau = 2.0 applies only with distill.type = soft", "leave distill.tau at its default (1.0)");
    assertRefused(train(never, "--set", "distill.type=kl", "--set", "distill.teacher=" + models),
        "distill.type", "hard, soft");
    assertRefused(train(never, "--set", "distill.type=soft", "--set", "distill.tau=0", "--set", "distill.teacher=" + models),
        "distill.tau", "0");
    Path unnamed = savedModel("unnamed", "images", DataType.DT_FLOAT, "scores", 10, 28, 28, 1);
    assertRefused(train(never, "--set", "distill.type=soft", "--set", "distill.teacher=" + unnamed),
        "distill.teacher: " + unnamed + ": its serving_default answers 'scores' float32 [?, 10], named neither 'logits' "
            + "nor 'probabilities': soft distillation (distill.type = soft) needs the teacher's distribution");
    assertThat(never).doesNotExist();

    // --force would delete the teacher's run: refused before anything is touched
    assertRefused(train(teacherRun, "--force", "--set", "distill.teacher=" + teacherRun),
        "lies inside the output directory " + teacherRun);
    assertThat(teacherRun.resolve("checkpoints/ckpt-000000008")).isDirectory();
  }

  private static List<ObjectNode> trainLines(Path run) throws IOException {
    return MetricsLog.read(run.resolve("metrics.jsonl")).stream().filter(n -> n.get("kind").asText().equals("train")).toList();
  }

  private static List<Double> losses(Path run) throws IOException {
    return trainLines(run).stream().map(n -> n.get("loss").asDouble()).toList();
  }

  private static List<Double> diagnostic(Path run, String key) throws IOException {
    return trainLines(run).stream().map(n -> n.get("diagnostics").get(key).get(0).asDouble()).toList();
  }

  private static long stepOf(String line) {
    try {
      return new ObjectMapper().readTree(line).get("step").asLong();
    } catch (IOException e) {
      throw new IllegalStateException(line, e);
    }
  }

  /** A saved_model.pb with a serving_default of one input and 100 class scores; no graph (refused before loading). */
  private static Path savedModel(String name, String input, DataType type, long... imageDims) throws IOException {
    return savedModel(name, input, type, "logits", 100, imageDims);
  }

  /** A saved_model.pb with a serving_default of one input and {@code classes} scores as {@code output}; no graph. */
  private static Path savedModel(String name, String input, DataType type, String output, long classes,
      long... imageDims) throws IOException {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder().addDim(TensorShapeProto.Dim.newBuilder().setSize(-1));
    for (long d : imageDims) {
      shape.addDim(TensorShapeProto.Dim.newBuilder().setSize(d));
    }
    TensorShapeProto scores = TensorShapeProto.newBuilder().addDim(TensorShapeProto.Dim.newBuilder().setSize(-1))
        .addDim(TensorShapeProto.Dim.newBuilder().setSize(classes)).build();
    SignatureDef def = SignatureDef.newBuilder().setMethodName("tensorflow/serving/predict")
        .putInputs(input, TensorInfo.newBuilder().setName(input + ":0").setDtype(type).setTensorShape(shape).build())
        .putOutputs(output, TensorInfo.newBuilder().setName(output + ":0").setDtype(DataType.DT_FLOAT).setTensorShape(scores).build())
        .build();
    MetaGraphDef meta = MetaGraphDef.newBuilder().setMetaInfoDef(MetaGraphDef.MetaInfoDef.newBuilder().addTags("serve"))
        .putSignatureDef("serving_default", def).build();
    Path dir = Files.createDirectories(tmp.resolve("foreign").resolve(name).resolve("1"));
    try (OutputStream out = Files.newOutputStream(dir.resolve("saved_model.pb"))) {
      SavedModel.newBuilder().setSavedModelSchemaVersion(1).addMetaGraphs(meta).build().writeTo(out);
    }
    return dir;
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        Files.delete(p);
      }
    }
  }
}
