package io.expertize.wiring;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import io.expertize.config.ConfigLoader;
import io.expertize.config.ExpertizeConfig;
import io.expertize.registry.ModelRegistry;
import io.expertize.train.Task;
import java.nio.file.Path;
import java.util.List;

/** The configuration of a run and the injector that builds its parts: one place, for new and earlier runs alike. */
public final class RunWiring {
  private RunWiring() {}

  /** defaults < file (may be null) < sets, with model names checked against the registry. */
  public static ExpertizeConfig config(ModelRegistry registry, Path file, List<String> sets) {
    return ConfigLoader.create().withModelNames(registry.all().keySet()).load(file, sets);
  }

  public static Injector injector(ExpertizeConfig config, ModelRegistry registry) {
    return Guice.createInjector(
        new ConfigModule(config), new ModelsModule(registry), new DataModule(), new TrainModule(), new TaskModule(),
        new ExpertsModule());
  }

  /** The task of the configured run (model and data, loaded). */
  public static Task<?> task(Injector injector) {
    return injector.getInstance(Key.get(new TypeLiteral<Task<?>>() {}));
  }
}
