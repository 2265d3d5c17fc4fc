package io.expertize.run;

import io.expertize.config.ExpertizeConfig;
import io.expertize.config.Keys;
import io.expertize.train.io.ForceClear;
import java.nio.file.Path;
import java.util.Optional;

/** What a new run reads, which {@code --force} must never delete: config file, data, teacher, upcycling source. */
final class RunInputs {
  private RunInputs() {}

  static ForceClear protect(ForceClear force, TrainRequest request, ExpertizeConfig config, Optional<Path> teacher,
      Optional<Path> upcycleFrom) {
    ForceClear protecting = force;
    if (request.config().isPresent()) {
      protecting = protecting.protecting("--config", request.config().get());
    }
    if (!config.get(Keys.DATA_DIR).isEmpty()) {
      protecting = protecting.protecting("the data directory (--data / data.dir)", Path.of(config.get(Keys.DATA_DIR)));
    }
    if (teacher.isPresent()) {
      protecting = protecting.protecting(Keys.DISTILL_TEACHER.name(), teacher.get());
    }
    if (upcycleFrom.isPresent()) {
      protecting = protecting.protecting(Keys.FUSION_UPCYCLE_FROM.name(), upcycleFrom.get());
    }
    return protecting;
  }
}
