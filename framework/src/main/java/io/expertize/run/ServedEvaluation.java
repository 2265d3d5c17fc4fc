package io.expertize.run;

import io.expertize.export.ServedAccuracy;
import io.expertize.train.ImageClassificationTask;
import io.expertize.wiring.RunWiring;
import io.expertize.wiring.TrainedRun;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** An export of a run scored as a client sees it: through TensorFlow's SavedModel loader, on the run's test images. */
public final class ServedEvaluation {
  private ServedEvaluation() {}

  /**
   * Top-1 of {@code savedModel}'s {@code serving_default} on the test split of the run in {@code runDir};
   * empty when the run is not an image classifier (text models are served strings, scored by eval).
   */
  public static Optional<ServedAccuracy> measure(Path runDir, Path savedModel) {
    return GuiceErrors.unwrapped(() -> {
      TrainedRun run = TrainedRun.open(runDir, List.of());
      return RunWiring.task(run.injector()) instanceof ImageClassificationTask images
          ? Optional.of(ServedAccuracy.measure(savedModel, images.data().test()))
          : Optional.empty();
    });
  }
}
