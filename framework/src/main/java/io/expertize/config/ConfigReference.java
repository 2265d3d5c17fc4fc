package io.expertize.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Generates the key table of {@code docs/configuration.md} from {@link Keys}, so the docs
 * cannot drift from the code. The table sits between two marker comments; the prose around it
 * is written by hand. A test fails when the file is stale; rewrite it with
 * {@code java io.expertize.config.ConfigReference docs/configuration.md} or the test's
 * {@code -Dexpertize.regenerateDocs=true}.
 */
public final class ConfigReference {
  /** Marks the start of the generated table. */
  public static final String BEGIN = "<!-- BEGIN GENERATED: ConfigReference.markdown() -->";

  /** Marks the end of the generated table. */
  public static final String END = "<!-- END GENERATED -->";

  private ConfigReference() {}

  /** The table of every key: name, type, default, valid values, doc line. */
  public static String markdown() {
    StringBuilder out = new StringBuilder()
        .append("| key | type | default | valid | description |\n")
        .append("|---|---|---|---|---|\n");
    for (ConfigKey<?> key : Keys.ALL) {
      String defaultText = key.format(key.defaultValue());
      out.append("| `").append(key.name())
          .append("` | ").append(key.type().name())
          .append(" | ").append(defaultText.isEmpty() ? "(empty)" : "`" + defaultText + "`")
          .append(" | ").append(cell(key.constraint().isAny() ? "any" : key.constraint().description()))
          .append(" | ").append(cell(key.doc()))
          .append(" |\n");
    }
    return out.toString();
  }

  /**
   * {@code document} with the text between {@link #BEGIN} and {@link #END} replaced by
   * {@link #markdown()}.
   *
   * @throws IllegalArgumentException if the markers are missing
   */
  public static String updated(String document) {
    int begin = document.indexOf(BEGIN);
    int end = document.indexOf(END);
    if (begin < 0 || end < begin) {
      throw new IllegalArgumentException("missing markers " + BEGIN + " ... " + END);
    }
    return document.substring(0, begin + BEGIN.length()) + "\n" + markdown() + document.substring(end);
  }

  /** Rewrites the table in the given file (default {@code docs/configuration.md}). */
  public static void main(String[] args) throws IOException {
    Path file = Path.of(args.length > 0 ? args[0] : "docs/configuration.md");
    Files.writeString(file, updated(Files.readString(file, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    System.out.println("updated " + file);
  }

  private static String cell(String text) {
    return text.replace("|", "\\|");
  }
}
