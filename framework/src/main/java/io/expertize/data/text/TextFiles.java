package io.expertize.data.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.expertize.data.DataException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The documents of text files: JSON Lines files ({@code .jsonl}) give one document per line, the string
 * field {@code textField} of its object; other files are plain UTF-8 text split by a {@link DocumentSeparator}.
 * Errors name the file, and the line when one is at fault.
 */
public final class TextFiles {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TextFiles() {}

  /** Every document of {@code files}, file by file; an error when a file holds none. */
  public static List<String> read(List<Path> files, DocumentSeparator separator, String textField) {
    List<String> documents = new ArrayList<>();
    for (Path file : files) {
      List<String> lines = lines(file);
      List<String> found = isJsonLines(file) ? jsonLines(file, lines, textField)
          : separator.split(lines);
      if (found.isEmpty()) {
        throw new DataException(file + " holds no text; expected " + (isJsonLines(file)
            ? "one JSON object per line with a string field '" + textField + "'"
            : "documents separated as data.separator = " + separator.name().toLowerCase(Locale.ROOT).replace('_', '-')
                + " says"));
      }
      documents.addAll(found);
    }
    return documents;
  }

  static boolean isJsonLines(Path file) {
    return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jsonl");
  }

  private static List<String> jsonLines(Path file, List<String> lines, String field) {
    List<String> documents = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      String where = file + ":" + (i + 1);
      JsonNode node;
      try {
        node = JSON.readTree(lines.get(i));
      } catch (JsonProcessingException e) {
        throw new DataException(where + ": not JSON (" + e.getOriginalMessage() + "); expected one JSON object per line");
      }
      if (!node.isObject()) {
        throw new DataException(where + ": a JSON " + node.getNodeType().name().toLowerCase(Locale.ROOT)
            + ", expected an object with a string field '" + field + "'");
      }
      JsonNode text = node.get(field);
      if (text == null) {
        TreeSet<String> names = new TreeSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
          names.add(it.next());
        }
        throw new DataException(where + ": no field '" + field + "'; the object has " + names
            + ": name the text's field with data.text-field");
      }
      if (!text.isTextual()) {
        throw new DataException(where + ": field '" + field + "' is a " + text.getNodeType().name()
            .toLowerCase(Locale.ROOT) + ", expected a string");
      }
      if (!text.asText().isBlank()) {
        documents.add(text.asText().strip());
      }
    }
    return documents;
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (CharacterCodingException e) {
      throw new DataException(file + ": not UTF-8 text; expected UTF-8 plain text or JSON Lines", e);
    } catch (IOException e) {
      throw new DataException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
