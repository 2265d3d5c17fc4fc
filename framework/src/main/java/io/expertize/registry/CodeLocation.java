package io.expertize.registry;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;

/** The jar or class directory a class was loaded from (its CodeSource), as {@code expertize models} shows it. */
public final class CodeLocation {
  private CodeLocation() {}

  /** The path of {@code type}'s jar or class directory; empty for classes without one (the JDK's, generated ones). */
  public static Optional<Path> of(Class<?> type) {
    CodeSource source = type.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Path.of(source.getLocation().toURI()));
    } catch (URISyntaxException | IllegalArgumentException e) {
      return Optional.empty(); // not a file (a jrt: or custom URL): nothing to show
    }
  }
}
