package io.expertize.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.ProvisionException;
import com.google.inject.TypeLiteral;
import com.google.inject.testing.fieldbinder.Bind;
import com.google.inject.testing.fieldbinder.BoundFieldModule;
import io.expertize.config.ConfigException;
import io.expertize.config.ConfigLoader;
import io.expertize.config.ExpertizeConfig;
import io.expertize.data.DatasetSource;
import io.expertize.experts.ExpertPlan;
import io.expertize.experts.ExpertizeException;
import io.expertize.experts.Upcycling;
import io.expertize.graph.ModuleTree;
import io.expertize.graph.VariableStore;
import io.expertize.nn.ImageClassifier;
import io.expertize.registry.ModelFactory;
import io.expertize.registry.ModelRegistry;
import io.expertize.registry.ModelRequest;
import io.expertize.testing.TinyClassifier;
import io.expertize.train.TrainSettings;
import io.expertize.train.Trainer;
import io.expertize.train.TrainingCallback;
import io.expertize.train.io.Checkpoint;
import io.expertize.train.io.CheckpointManager;
import io.expertize.train.io.RunDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;

/** The Guice modules turn a configuration into the parts of a run; tests swap parts with BoundFieldModule. */
class WiringTest {
  @TempDir Path tmp;

  /** A registry with one small model in place of the zoo (which is not on this module's class path). */
  @Bind ModelRegistry registry = new ModelRegistry(Map.of("tiny", new ModelFactory() {
    @Override public String name() { return "tiny"; }
    @Override public String description() { return "test model"; }
    @Override public ImageClassifier create(ModelRequest r) {
      ModelRequest.Images in = r.requireImages("tiny");
      return new TinyClassifier(in.size(), in.channels(), in.numClasses(), r.patchSizeOr(7), r.dimOr(16));
    }
    @Override public ImageClassifier reference() { return create(ModelRequest.of(28, 1, 10)); }
  }));

  private Injector injector(List<String> sets) {
    ExpertizeConfig config = ConfigLoader.create().withModelNames(registry.all().keySet()).load(sets);
    return Guice.createInjector(new ConfigModule(config), new DataModule(), new TrainModule(), BoundFieldModule.of(this));
  }

  @Test
  void configurationReachesSettingsModelAndDataset() {
    Injector injector = injector(List.of("model=tiny", "model.dim=24", "train.batch-size=32", "optim.lr=5e-4",
        "train.steps=12", "train.grad-clip=off"));
    TrainSettings s = injector.getInstance(TrainSettings.class);
    assertThat(s.batchSize()).isEqualTo(32);
    assertThat(s.lr()).isEqualTo(5e-4);
    assertThat(s.maxSteps()).hasValue(12);
    assertThat(s.checkpointEvery()).isEmpty(); // train.checkpoint-every: epoch, the default
    assertThat(s.gradClip()).isEmpty();
    assertThat(injector.getInstance(ImageClassifier.class)).isInstanceOf(TinyClassifier.class);
    assertThat(injector.getInstance(ImageClassifier.class).numClasses()).isEqualTo(10);
    assertThat(injector.getInstance(Key.get(new TypeLiteral<Map<String, DatasetSource>>() {}))).containsKey("fashion-mnist");
  }

  @Test
  void runModuleBindsTheRecordingCallbacksIntoTheTrainer() {
    Injector run = injector(List.of("model=tiny"))
        .createChildInjector(new RunModule(RunDirectory.create(tmp.resolve("run"), false)));
    Set<TrainingCallback> callbacks = run.getInstance(Key.get(new TypeLiteral<Set<TrainingCallback>>() {}));
    assertThat(callbacks).extracting(c -> c.getClass().getSimpleName())
        .containsExactlyInAnyOrder("ProgressDisplay", "MetricsLogCallback", "TensorBoardCallback", "PlotsCallback");
    assertThat(run.getInstance(Trainer.class)).isNotNull();
    callbacks.forEach(TrainingCallback::close);
  }

  @Test
  void modelShapeErrorsBecomeConfigurationErrorsNamingTheModel() {
    Injector injector = injector(List.of("model=tiny", "model.patch-size=5"));
    assertThatThrownBy(() -> injector.getInstance(ImageClassifier.class))
        .isInstanceOf(ProvisionException.class)
        .cause().isInstanceOf(ConfigException.class)
        .hasMessageContaining("model 'tiny'").hasMessageContaining("patch size 5");
  }

  private static final Key<Optional<Upcycling>> UPCYCLING = Key.get(new TypeLiteral<Optional<Upcycling>>() {});

  private Optional<Upcycling> upcycling(String... sets) {
    ExpertizeConfig config = ConfigLoader.create().withModelNames(registry.all().keySet()).load(List.of(sets));
    return Guice.createInjector(new ConfigModule(config), new DataModule(), new TrainModule(), new ExpertsModule(),
        BoundFieldModule.of(this)).getInstance(UPCYCLING);
  }

  /** A run directory whose checkpoint holds the dense variables of the tiny model at {@code model.dim}. */
  private Path denseRun(String name, int dim) {
    Path run = tmp.resolve(name);
    ImageClassifier model = injector(List.of("model=tiny", "model.dim=" + dim)).getInstance(ImageClassifier.class);
    try (Graph g = new Graph(); Session s = new Session(g)) {
      ExpertPlan.dense().declare(new VariableStore(Ops.create(g), 1), ModuleTree.of(model));
      s.initialize();
      new CheckpointManager(run.resolve("checkpoints"), 1).save(s, 7, 0);
    }
    return run;
  }

  @Test
  void upcyclingIsOffByDefaultAndReadsTheNewestCheckpointOfARun() {
    assertThat(upcycling("model=tiny")).isEmpty();
    Path run = denseRun("dense", 16);
    Optional<Upcycling> u = upcycling("model=tiny", "fusion.init=upcycle", "fusion.upcycle-from=" + run,
        "fusion.upcycle-noise=0.01");
    assertThat(u).hasValueSatisfying(up -> {
      assertThat(up.checkpoint()).isEqualTo(run.resolve("checkpoints/ckpt-000000007"));
      assertThat(up.noise()).isEqualTo(0.01);
    });
  }

  @Test
  void upcyclingErrorsNameTheKeyAndWhatIsValid() throws Exception {
    assertThatThrownBy(() -> upcycling("model=tiny", "fusion.init=upcycle"))
        .cause().isInstanceOf(ConfigException.class)
        .hasMessageContaining("fusion.upcycle-from: fusion.init = upcycle needs the dense run to start from: a run "
            + "directory (its newest checkpoint) or a checkpoint directory ckpt-<step>");
    Path run = denseRun("dense", 16);
    assertThatThrownBy(() -> upcycling("model=tiny", "fusion.upcycle-from=" + run, "fusion.upcycle-noise=0.1"))
        .cause().isInstanceOf(ConfigException.class)
        .hasMessageContaining("fusion.upcycle-from = " + run + " is set but fusion.init = scratch")
        .hasMessageContaining("fusion.upcycle-noise = 0.1 applies only with fusion.init=upcycle");
    Path missing = tmp.resolve("missing");
    assertThatThrownBy(() -> upcycling("model=tiny", "fusion.init=upcycle", "fusion.upcycle-from=" + missing))
        .cause().isInstanceOf(ConfigException.class)
        .hasMessageContaining("fusion.upcycle-from: checkpoint " + missing + ": does not exist");
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    assertThatThrownBy(() -> upcycling("model=tiny", "fusion.init=upcycle", "fusion.upcycle-from=" + empty))
        .cause().isInstanceOf(ConfigException.class)
        .hasMessageContaining("fusion.upcycle-from: checkpoint " + empty + ": holds no intact checkpoint; expected a checkpoint directory");
    Path wider = denseRun("wider", 24);
    assertThatThrownBy(() -> upcycling("model=tiny", "fusion.init=upcycle", "fusion.upcycle-from=" + wider))
        .cause().isInstanceOf(ExpertizeException.class)
        .hasMessageContaining("does not hold the dense parameters of this model")
        .hasMessageContaining("expected [16,").hasMessageContaining("found [24,");
    assertThatThrownBy(() -> upcycling("model=tiny", "fusion.init=upcycle", "fusion.upcycle-from=" + run,
            "fusion.upcycle-noise=-1"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("fusion.upcycle-noise");
  }
}
