package io.expertize.run;

import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import io.expertize.config.ConfigException;
import io.expertize.config.ExpertizeConfig;
import io.expertize.config.Keys;
import io.expertize.distill.Distillation;
import io.expertize.distill.TeacherInfo;
import io.expertize.distill.TeacherRecord;
import io.expertize.experts.ExpertPlan;
import io.expertize.experts.Upcycling;
import io.expertize.registry.ModelRegistry;
import io.expertize.train.Task;
import io.expertize.train.Trainer;
import io.expertize.train.TrainingJob;
import io.expertize.train.TrainingSummary;
import io.expertize.train.io.ForceClear;
import io.expertize.train.io.RunDirectory;
import io.expertize.wiring.RunModule;
import io.expertize.wiring.RunWiring;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Starts or resumes a training run: resolves the configuration, wires the parts with Guice, builds
 * model and data BEFORE touching the run directory (so a bad config leaves nothing behind), then
 * trains with the standard callbacks ({@link RunModule}) recording into the run directory. What
 * {@code expertize train} and {@code io.expertize.Expertize} both call.
 */
public final class RunLauncher {
  private RunLauncher() {}

  /**
   * A new run in {@code request}'s run directory, created and locked for this process; data-parallel on
   * its cluster when it has one. SIGINT and SIGTERM stop it after the step in progress, with a checkpoint
   * there ({@link io.expertize.train.TrainingInterruptedException}).
   *
   * @throws io.expertize.config.ConfigException for a bad key or value, naming it, before anything is written
   */
  public static TrainingSummary start(TrainRequest request) {
    return GuiceErrors.unwrapped(() -> startRun(request));
  }

  private static TrainingSummary startRun(TrainRequest request) {
    ModelRegistry registry = ModelRegistry.discover();
    ExpertizeConfig config = RunWiring.config(registry, request.config().orElse(null), request.overrides());
    Injector injector = RunWiring.injector(config, registry);
    Parts parts = parts(injector, config);
    try {
      Path out = request.out().orElseGet(() -> timestampedRunDir(config.get(Keys.MODEL)));
      Optional<Upcycling> upcycle = upcycling(injector, parts.experts(), out);
      parts.distillation().ifPresent(d -> requireOutside(Keys.DISTILL_TEACHER.name(), d.teacher().info().path(), out));
      try (RunDirectory run = RunDirectory.createLocked(out, RunInputs.protect(ForceClear.of(request.force()), request, config,
          parts.distillation().map(d -> d.teacher().info().path()), upcycle.map(Upcycling::checkpoint)))) {
        ExpertizeConfig recorded = RunWiring.recorded(injector, config); // what the data turned out to be
        // the exact version or checkpoint the teacher was read from, so a resumed run is taught by the same one
        writeConfig(run, parts.distillation().map(d -> recorded.with(Keys.DISTILL_TEACHER, d.teacher().info().path().toString()))
            .orElse(recorded));
        parts.distillation().ifPresent(d -> recordTeacher(run, d, config.get(Keys.DISTILL_TEACHER)));
        return train(injector, parts, run, new Continuation(false, upcycle), request);
      }
    } finally {
      parts.distillation().ifPresent(Distillation::close);
    }
  }

  /**
   * Continues a run from its latest checkpoint, exactly as an uninterrupted run would have gone on; on the
   * request's cluster when given, of any size (the checkpoint does not depend on it).
   *
   * @throws io.expertize.train.RunFinishedException if the run has no step left
   * @throws io.expertize.train.io.RunDirectoryException if the directory holds no run
   */
  public static TrainingSummary resume(ResumeRequest request) {
    return GuiceErrors.unwrapped(() -> {
      try (RunDirectory run = RunDirectory.resumeLocked(request.runDir())) {
        return resume(run, request);
      }
    });
  }

  private static TrainingSummary resume(RunDirectory run, ResumeRequest request) {
    ModelRegistry registry = ModelRegistry.discover();
    // only the data directory can be overridden: it moves the data, not the run
    ExpertizeConfig config = RunWiring.config(registry, run.configFile(), request.overrides());
    Injector injector = RunWiring.injector(config, registry);
    Parts parts = parts(injector, config);
    try {
      parts.distillation().ifPresent(d -> {
        TeacherRecord.requireSame(run, d.teacher().info(), d.objective());
        System.out.println("distilling from " + d.teacher().info().describe() + ", " + d.objective().describe()
            + " (the teacher this run started with)");
      });
      // a resumed run never upcycles (its checkpoint holds the trained experts): fusion.upcycle-from is not read
      return train(injector, parts, run, new Continuation(true, Optional.empty()), request);
    } finally {
      parts.distillation().ifPresent(Distillation::close);
    }
  }

  /** Whether the run continues from its checkpoint, and else the dense checkpoint its experts start from. */
  private record Continuation(boolean resume, Optional<Upcycling> upcycle) {}

  private record Parts(ExpertizeConfig config, Task<?> task, ExpertPlan experts, Optional<Distillation> distillation) {}

  /** Plan, teacher (checked before the data is read) and task; the teacher is the caller's to close. */
  private static Parts parts(Injector injector, ExpertizeConfig config) {
    ExpertPlan experts = injector.getInstance(ExpertPlan.class);
    experts.warnings().forEach(w -> System.err.println("warning: " + w));
    Optional<Distillation> distillation = RunWiring.distillation(injector);
    try {
      return new Parts(config, RunWiring.trainingTask(injector, distillation), experts, distillation);
    } catch (RuntimeException e) {
      distillation.ifPresent(Distillation::close);
      throw e;
    }
  }

  /** What a run reads ({@code key}'s file) may not lie where it writes: --force would delete it. */
  private static void requireOutside(String key, Path source, Path out) {
    Path root = out.toAbsolutePath().normalize();
    if (source.toAbsolutePath().normalize().startsWith(root)) {
      throw new ConfigException(key + ": " + source + " lies inside the output directory " + root
          + " of this run; choose another --out");
    }
  }

  private static void recordTeacher(RunDirectory run, Distillation d, String given) {
    TeacherInfo info = d.teacher().info();
    TeacherRecord.write(run, info, d.objective());
    System.out.println("distilling from " + info.describe() + ", " + d.objective().describe() + ": "
        + d.objective().explain());
    if (!Path.of(given).toAbsolutePath().normalize().equals(info.path())) {
      System.out.println("  distill.teacher = " + given + " is recorded as " + info.path() + " in config.yaml");
    }
  }

  /** The dense checkpoint a new run starts from (checked against the model), with what to tell the user. */
  private static Optional<Upcycling> upcycling(Injector injector, ExpertPlan experts, Path out) {
    Optional<Upcycling> upcycle = injector.getInstance(Key.get(new TypeLiteral<Optional<Upcycling>>() {}));
    upcycle.ifPresent(u -> {
      requireOutside(Keys.FUSION_UPCYCLE_FROM.name(), u.checkpoint(), out);
      System.out.println("upcycling: experts start as copies of the dense FFNs of " + u.checkpoint()
          + (u.noise() > 0 ? " plus noise " + u.noise() + " x std" : ""));
      u.warnings(experts).forEach(w -> System.err.println("warning: " + w));
    });
    return upcycle;
  }

  private static TrainingSummary train(Injector injector, Parts parts, RunDirectory run, Continuation continuation,
      RunRequest request) {
    System.out.println("run directory: " + run.root());
    if (request.cluster().isPresent() && parts.distillation().isPresent()) {
      throw new UnsupportedRunException("distillation (distill.teacher) does not run data-parallel yet: the teacher's scores "
          + "are not split over the workers. Train it in one process (drop --cluster / --local-cluster).");
    }
    Trainer local = injector.createChildInjector(new RunModule(run, request.callbacks())).getInstance(Trainer.class);
    Trainer trainer = request.cluster().map(local::on).orElse(local);
    TrainingJob job = new TrainingJob(parts.config().get(Keys.MODEL), parts.task(), parts.experts(), run,
        continuation.resume(), continuation.upcycle());
    try (InterruptHandler interrupts = InterruptHandler.install()) {
      return trainer.fit(job, interrupts.stopRequest());
    }
  }

  private static void writeConfig(RunDirectory run, ExpertizeConfig config) {
    try {
      Files.writeString(run.configFile(), config.toYaml());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + run.configFile(), e);
    }
  }

  /** {@code runs/<prefix>-<yyyyMMdd-HHmmss>}: a new directory per run, never an earlier run's. */
  public static Path timestampedRunDir(String prefix) {
    String time = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    return Path.of("runs", prefix + "-" + time);
  }
}
