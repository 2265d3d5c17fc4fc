package io.expertize.wiring;

import com.google.inject.ProvisionException;
import io.expertize.config.ConfigException;
import io.expertize.config.ConfigKey;
import io.expertize.config.ExpertizeConfig;
import io.expertize.config.Keys;
import io.expertize.data.Normalization;
import io.expertize.data.text.TextSource;
import io.expertize.distill.CheckpointTeacher;
import io.expertize.distill.Distillation;
import io.expertize.distill.DistillationObjective;
import io.expertize.distill.DistillationType;
import io.expertize.distill.SavedModelTeacher;
import io.expertize.distill.Teacher;
import io.expertize.distill.TeacherException;
import io.expertize.distill.TeacherInput;
import io.expertize.distill.TeacherPath;
import io.expertize.graph.Module;
import io.expertize.nn.DistilledClassifier;
import io.expertize.nn.ImageClassifier;
import io.expertize.registry.ModelFactory;
import io.expertize.registry.ModelRegistry;
import io.expertize.registry.UnknownModelException;
import io.expertize.train.io.Checkpoint;
import io.expertize.train.io.CheckpointException;
import io.expertize.train.io.RunDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The {@code distill.*} keys as a distillation: the teacher of a run (hard or soft; a SavedModel in a
 * session of its own, or a trained run rebuilt through an injector of its own, {@link TrainedRun}),
 * opened and checked against the student (a distilled classifier on image data: same image size,
 * channels and classes; for soft, a teacher whose scores give its distribution) before the run
 * directory exists.
 */
final class DistillationSetup {
  private static final List<ConfigKey<?>> WITH_TEACHER_ONLY =
      List.of(Keys.DISTILL_TYPE, Keys.DISTILL_TAU, Keys.DISTILL_ALPHA, Keys.DISTILL_TEACHER_INPUT);

  private DistillationSetup() {}

  /** Empty without {@code distill.teacher}; {@code model} and {@code normalization} are built only with one. */
  static Optional<Distillation> of(ExpertizeConfig c, ModelRegistry registry, Map<String, TextSource> texts,
      Supplier<Module> model, Supplier<Normalization> normalization) {
    String teacher = c.get(Keys.DISTILL_TEACHER);
    if (teacher.isBlank()) {
      List<String> unused = WITH_TEACHER_ONLY.stream().filter(k -> !c.get(k).equals(k.defaultValue()))
          .map(k -> k.name() + " = " + c.get(k) + " applies only with distill.teacher: set the teacher, or leave "
              + k.name() + " at its default (" + k.defaultValue() + ")").toList();
      if (!unused.isEmpty()) {
        throw new ConfigException(unused);
      }
      return Optional.empty();
    }
    DistillationObjective objective = objective(c);
    if (texts.containsKey(c.get(Keys.DATA))) {
      throw new ConfigException("distill.teacher: data = " + c.get(Keys.DATA) + " is text; distillation "
          + "trains a distilled image classifier (" + distilledModels(registry) + ") on image data (data=fashion-mnist)");
    }
    Module student = model.get();
    if (!(student instanceof DistilledClassifier) || !(student instanceof ImageClassifier classifier)) {
      throw new ConfigException("distill.teacher: model '" + c.get(Keys.MODEL) + "' has no distillation head for the "
          + "teacher's classes; distil into a distilled model: " + distilledModels(registry));
    }
    Normalization data = normalization.get();
    Teacher opened;
    try {
      opened = open(c, TeacherPath.resolve(Path.of(teacher)), classifier, data, objective.type());
    } catch (TeacherException | CheckpointException | RunDirectoryException | UnknownModelException e) {
      throw new ConfigException("distill.teacher: " + e.getMessage());
    }
    return Optional.of(new Distillation(opened, objective));
  }

  /** {@code distill.type}, {@code distill.tau} and {@code distill.alpha}; a temperature only for soft. */
  private static DistillationObjective objective(ExpertizeConfig c) {
    DistillationType type = DistillationType.fromKey(c.get(Keys.DISTILL_TYPE));
    double tau = c.get(Keys.DISTILL_TAU);
    if (type == DistillationType.HARD && tau != Keys.DISTILL_TAU.defaultValue()) {
      throw new ConfigException("distill.tau = " + tau + " applies only with distill.type = soft (the temperature of "
          + "the teacher's softmax); hard distillation learns the teacher's argmax, which has none: set "
          + "distill.type=soft, or leave distill.tau at its default (" + Keys.DISTILL_TAU.defaultValue() + ")");
    }
    return type == DistillationType.SOFT ? DistillationObjective.soft(c.get(Keys.DISTILL_ALPHA), tau)
        : DistillationObjective.hard(c.get(Keys.DISTILL_ALPHA));
  }

  private static Teacher open(ExpertizeConfig c, TeacherPath path, ImageClassifier student, Normalization data,
      DistillationType type) {
    int size = student.imageSize();
    int channels = student.channels();
    int classes = student.numClasses();
    if (path instanceof TeacherPath.SavedModelDir saved) {
      return SavedModelTeacher.open(saved.dir(), saved.version(), TeacherInput.fromKey(c.get(Keys.DISTILL_TEACHER_INPUT)),
          data, size, channels, classes, type);
    }
    TeacherPath.RunDir runDir = (TeacherPath.RunDir) path;
    if (!c.get(Keys.DISTILL_TEACHER_INPUT).equals(Keys.DISTILL_TEACHER_INPUT.defaultValue())) {
      throw new ConfigException("distill.teacher-input = " + c.get(Keys.DISTILL_TEACHER_INPUT) + " applies to a "
          + "SavedModel teacher; " + runDir.run() + " is a run, fed in its own normalisation: leave distill.teacher-input "
          + "at pixels");
    }
    TrainedRun run;
    try {
      run = TrainedRun.open(runDir.run(), List.of());
    } catch (ConfigException e) {
      throw new TeacherException("the run " + runDir.run() + " has a config.yaml this version cannot read: "
          + e.getMessage(), e);
    }
    String name = run.config().get(Keys.MODEL);
    String what = "the run " + runDir.run() + " trained " + name + " on data = " + run.config().get(Keys.DATA);
    Module module;
    try {
      module = run.injector().getInstance(Module.class);
    } catch (ProvisionException e) {
      throw new TeacherException(what + ", which does not build here: " + cause(e).getMessage(), e);
    }
    if (!(module instanceof ImageClassifier teacher)) {
      throw new TeacherException(what + ": a text model; a teacher classifies the student's images (an image "
          + "classifier trained on image data)");
    }
    if (teacher.imageSize() != size || teacher.channels() != channels || teacher.numClasses() != classes) {
      throw new TeacherException(what + ", which takes " + teacher.imageSize() + "x" + teacher.imageSize() + "x"
          + teacher.channels() + " images into " + teacher.numClasses() + " classes; the student takes " + size + "x"
          + size + "x" + channels + " images into " + classes + " classes: a teacher sees the student's images as they "
          + "are (no resizing) and answers its classes");
    }
    Checkpoint checkpoint = run.checkpoint(runDir.checkpoint());
    Normalization own = run.injector().getInstance(Normalization.class);
    return new CheckpointTeacher(name, teacher, run.plan(), own, data, checkpoint);
  }

  private static Throwable cause(ProvisionException e) {
    return e.getCause() != null ? e.getCause() : e;
  }

  /** The registered models with a distillation head. */
  static String distilledModels(ModelRegistry registry) {
    List<String> names = new ArrayList<>();
    for (Map.Entry<String, ModelFactory> e : registry.all().entrySet()) {
      if (e.getValue().reference() instanceof DistilledClassifier) {
        names.add(e.getKey());
      }
    }
    return names.isEmpty() ? "none is registered" : String.join(", ", names);
  }
}
