package io.expertize.wiring;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import io.expertize.config.ConfigLoader;
import io.expertize.config.ExpertizeConfig;
import io.expertize.config.Keys;
import io.expertize.data.DatasetInfo;
import io.expertize.data.DatasetRegistry;
import io.expertize.data.DatasetSource;
import io.expertize.data.Normalization;
import io.expertize.distill.Distillation;
import io.expertize.registry.ModelRegistry;
import io.expertize.train.ImageClassificationTask;
import io.expertize.train.Task;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The configuration of a run and the injector that builds its parts: one place, for new and earlier runs alike. */
public final class RunWiring {
  private RunWiring() {}

  /**
   * defaults < file (may be null) < sets, with the model name checked against the registry and the dataset name
   * against every DatasetProvider on the class path: an unknown name is refused here, before anything is written.
   */
  public static ExpertizeConfig config(ModelRegistry registry, Path file, List<String> sets) {
    return ConfigLoader.create().withModelNames(registry.all().keySet())
        .withDatasetNames(DatasetRegistry.discover().names()).load(file, sets);
  }

  public static Injector injector(ExpertizeConfig config, ModelRegistry registry) {
    return Guice.createInjector(
        new ConfigModule(config), new ModelsModule(registry), new DataModule(), new TrainModule(), new TaskModule(),
        new ExpertsModule(), new DistillModule());
  }

  /**
   * {@code config} with what its image data turned out to be (size, colour mode, classes, mean and std), for the
   * run's config.yaml; text data as it is. Call it after the task is built: the data has been read and checked.
   */
  public static ExpertizeConfig recorded(Injector injector, ExpertizeConfig config) {
    if (!injector.getInstance(Key.get(new TypeLiteral<Map<String, DatasetSource>>() {})).containsKey(config.get(Keys.DATA))) {
      return config;
    }
    return DataConfig.recorded(config, injector.getInstance(DatasetInfo.class), injector.getInstance(Normalization.class));
  }

  /** The task of the configured run (model and data, loaded), as it is evaluated. */
  public static Task<?> task(Injector injector) {
    return injector.getInstance(Key.get(new TypeLiteral<Task<?>>() {}));
  }

  /** The run's teacher, opened and checked against the model, when {@code distill.teacher} is set; the caller closes it. */
  public static Optional<Distillation> distillation(Injector injector) {
    return injector.getInstance(Key.get(new TypeLiteral<Optional<Distillation>>() {}));
  }

  /** The task a training run fits: {@link #task}, taught by the {@link #distillation} teacher if there is one. */
  public static Task<?> trainingTask(Injector injector, Optional<Distillation> distillation) {
    Task<?> task = task(injector);
    return distillation.<Task<?>>map(d -> d.task((ImageClassificationTask) task)).orElse(task);
  }
}
