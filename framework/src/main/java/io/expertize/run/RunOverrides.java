package io.expertize.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The one override a run read back may take: where its data now lives ({@code --data}). */
final class RunOverrides {
  private RunOverrides() {}

  static List<String> data(Optional<Path> dir) {
    return dir.map(d -> List.of("data.dir=" + d.toAbsolutePath())).orElse(List.of());
  }
}
