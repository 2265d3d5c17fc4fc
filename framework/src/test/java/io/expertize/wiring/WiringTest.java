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
import io.expertize.nn.ImageClassifier;
import io.expertize.registry.ModelFactory;
import io.expertize.registry.ModelRegistry;
import io.expertize.registry.ModelRequest;
import io.expertize.testing.TinyClassifier;
import io.expertize.train.TrainSettings;
import io.expertize.train.Trainer;
import io.expertize.train.TrainingCallback;
import io.expertize.train.io.RunDirectory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Guice modules turn a configuration into the parts of a run; tests swap parts with BoundFieldModule. */
class WiringTest {
  @TempDir Path tmp;

  /** A registry with one small model in place of the zoo (which is not on this module's class path). */
  @Bind ModelRegistry registry = new ModelRegistry(Map.of("tiny", new ModelFactory() {
    @Override public String name() { return "tiny"; }
    @Override public String description() { return "test model"; }
    @Override public ImageClassifier create(ModelRequest r) {
      return new TinyClassifier(r.imageSize(), r.channels(), r.numClasses(), r.patchSizeOr(7), r.dimOr(16));
    }
    @Override public ImageClassifier reference() { return create(ModelRequest.of(28, 1, 10)); }
  }));

  private Injector injector(List<String> sets) {
    ExpertizeConfig config = ConfigLoader.create().withModelNames(registry.all().keySet()).load(sets);
    return Guice.createInjector(new ConfigModule(config), new DataModule(), new TrainModule(), BoundFieldModule.of(this));
  }

  @Test
  void configurationReachesSettingsModelAndDataset() {
    Injector injector = injector(List.of("model=tiny", "model.dim=24", "train.batch-size=32", "optim.lr=5e-4"));
    TrainSettings s = injector.getInstance(TrainSettings.class);
    assertThat(s.batchSize()).isEqualTo(32);
    assertThat(s.lr()).isEqualTo(5e-4);
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
}
