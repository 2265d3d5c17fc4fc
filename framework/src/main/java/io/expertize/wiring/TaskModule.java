package io.expertize.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.expertize.config.ExpertizeConfig;
import io.expertize.data.DatasetInfo;
import io.expertize.data.DatasetSplits;
import io.expertize.data.Normalization;
import io.expertize.export.ImageServing;
import io.expertize.export.Serving;
import io.expertize.graph.Module;
import io.expertize.nn.ImageClassifier;
import io.expertize.train.ImageClassificationTask;
import io.expertize.train.Task;

/**
 * The task of a run and how its model is served, from the kind of data: an image dataset trains an
 * image classifier, a text corpus pretrains a text-to-text model by span corruption
 * ({@link SpanCorruptionSetup}).
 */
public final class TaskModule extends AbstractModule {

  @Provides
  @Singleton
  Task<?> task(ExpertizeConfig c, Module model, DatasetCatalog data, Provider<ImageClassifier> classifier,
      Provider<DatasetSplits> splits, Provider<Normalization> normalization) {
    return data.text(c).<Task<?>>map(text -> SpanCorruptionSetup.task(c, ModelConstruction.seq2seq(c, model), text))
        .orElseGet(() -> new ImageClassificationTask(classifier.get(), splits.get(), normalization.get()));
  }

  /** How the run's model is served once exported: on raw pixels, or text in and text out. */
  @Provides
  Serving serving(ExpertizeConfig c, Module model, DatasetCatalog data, Provider<ImageClassifier> classifier,
      Provider<Normalization> normalization, Provider<DatasetInfo> info) {
    return data.text(c).<Serving>map(text -> SpanCorruptionSetup.serving(c, ModelConstruction.seq2seq(c, model)))
        .orElseGet(() -> new ImageServing(classifier.get(), normalization.get(), info.get().classNames()));
  }
}
