package io.expertize.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.ProvidesIntoSet;
import io.expertize.train.TrainingCallback;
import io.expertize.train.callbacks.MetricsLogCallback;
import io.expertize.train.callbacks.PlotsCallback;
import io.expertize.train.callbacks.ProgressDisplay;
import io.expertize.train.callbacks.TensorBoardCallback;
import io.expertize.train.io.RunDirectory;
import java.util.List;

/**
 * The run directory of this run and the callbacks that record into it (a set: add more with @ProvidesIntoSet),
 * with a caller's extra callbacks beside them.
 */
public final class RunModule extends AbstractModule {
  private final RunDirectory run;
  private final List<TrainingCallback> extra;

  public RunModule(RunDirectory run) {
    this(run, List.of());
  }

  public RunModule(RunDirectory run, List<TrainingCallback> extra) {
    this.run = run;
    this.extra = List.copyOf(extra);
  }

  @Override
  protected void configure() {
    bind(RunDirectory.class).toInstance(run);
    Multibinder<TrainingCallback> callbacks = Multibinder.newSetBinder(binder(), TrainingCallback.class);
    callbacks.permitDuplicates(); // the same callback given twice is called once
    extra.forEach(c -> callbacks.addBinding().toInstance(c));
  }

  @ProvidesIntoSet
  TrainingCallback progress() {
    return ProgressDisplay.forConsole();
  }

  @ProvidesIntoSet
  TrainingCallback metrics(RunDirectory run) {
    return new MetricsLogCallback(run.metricsFile());
  }

  @ProvidesIntoSet
  TrainingCallback tensorBoard(RunDirectory run) {
    return new TensorBoardCallback(run.tensorboardDir("train"), run.tensorboardDir("eval"));
  }

  @ProvidesIntoSet
  TrainingCallback plots(RunDirectory run) {
    return new PlotsCallback(run);
  }
}
