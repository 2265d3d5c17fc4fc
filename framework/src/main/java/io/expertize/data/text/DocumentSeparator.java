package io.expertize.data.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How a plain-text file splits into documents ({@code data.separator}): one per line, one per paragraph
 * (blank lines between), or one per record between lines holding only {@code %} (fortune files). Blank
 * documents are dropped; each document is stripped of surrounding white space.
 */
public enum DocumentSeparator {
  LINE, BLANK_LINE, PERCENT;

  /** {@code line}, {@code blank-line} or {@code percent}. */
  public static DocumentSeparator parse(String text) {
    return valueOf(text.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
  }

  /** The documents of a file's {@code lines}. */
  List<String> split(List<String> lines) {
    List<String> documents = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : lines) {
      boolean boundary = switch (this) {
        case LINE -> true;
        case BLANK_LINE -> line.isBlank();
        case PERCENT -> line.equals("%");
      };
      if (this == LINE) {
        current.append(line);
      }
      if (boundary) {
        add(current, documents);
      } else {
        current.append(line).append('\n');
      }
    }
    add(current, documents);
    return documents;
  }

  private static void add(StringBuilder text, List<String> documents) {
    String document = text.toString().strip();
    if (!document.isEmpty()) {
      documents.add(document);
    }
    text.setLength(0);
  }
}
