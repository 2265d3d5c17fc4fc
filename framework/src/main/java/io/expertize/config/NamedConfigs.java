package io.expertize.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The configurations shipped inside the framework jar: the repository's {@code configs/*.yaml}, each
 * named by its file stem, so {@code --config vit_quickstart} works from any directory, as timm's model
 * names do. A {@code --config} that names an existing file is that file; a bare name that is not a file
 * is looked up here.
 */
public final class NamedConfigs {
  /** Where the build copies {@code configs/} (framework/pom.xml). */
  private static final String ROOT = "io/expertize/configs";
  private static final String EXTENSION = ".yaml";

  private NamedConfigs() {}

  /** {@code given} itself when it exists or reads as a path; else the bundled configuration of that name, if any. */
  public static Path resolve(Path given) {
    if (Files.exists(given) || !isBareName(given)) {
      return given;
    }
    return find(given.toString()).orElse(given);
  }

  /** True for a {@code --config} value with no directory and no extension: a name, not a path. */
  public static boolean isBareName(Path given) {
    return given.getNameCount() == 1 && !given.toString().contains(".");
  }

  /** The bundled configuration {@code name} ({@code configs/NAME.yaml} in the repository). */
  public static Optional<Path> find(String name) {
    return root().map(r -> r.resolve(name + EXTENSION)).filter(Files::isRegularFile);
  }

  /** Every bundled name, sorted. */
  public static List<String> names() {
    return root().map(r -> {
      try (Stream<Path> files = Files.list(r)) {
        return files.map(f -> f.getFileName().toString())
            .filter(f -> f.endsWith(EXTENSION))
            .map(f -> f.substring(0, f.length() - EXTENSION.length()))
            .sorted()
            .toList();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list the bundled configurations in " + r, e);
      }
    }).orElse(List.of());
  }

  /** The bundled directory: a plain directory when run from classes, a zip file system inside a jar. */
  private static Optional<Path> root() {
    URL url = NamedConfigs.class.getClassLoader().getResource(ROOT);
    if (url == null) {
      return Optional.empty();
    }
    try {
      URI uri = url.toURI();
      if ("jar".equals(uri.getScheme())) {
        try {
          FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException alreadyOpen) {
          // opened by an earlier call: Path.of finds it
        }
      }
      return Optional.of(Path.of(uri));
    } catch (URISyntaxException | IOException e) {
      throw new IllegalStateException("cannot open the bundled configurations at " + url, e);
    }
  }
}
