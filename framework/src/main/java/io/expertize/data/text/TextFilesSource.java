package io.expertize.data.text;

import io.expertize.data.DataException;
import io.expertize.data.DataRequest;
import io.expertize.data.SplitFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A user's text for text-to-text models ({@code data=text-files}): plain UTF-8 files split into documents by
 * {@code data.separator}, or JSON Lines ({@code .jsonl}) with the document in {@code data.text-field}. The
 * training files are {@code data.train-files}, else the files of {@code --data DIR} whose names contain
 * {@code train}, else every file of it (or {@code --data FILE}); the held-out ones {@code data.test-files},
 * else those whose names contain {@code test} or else {@code val}; with none, every 20th training document is
 * held out ({@link TextSplits#of}). The documents then take the span-corruption path fortunes take.
 */
public final class TextFilesSource implements TextSource {
  @Override
  public String name() {
    return "text-files";
  }

  @Override
  public TextSplits splits(DataRequest request) {
    DocumentSeparator separator = DocumentSeparator.parse(request.option("data.separator", "line"));
    String field = request.option("data.text-field", "text");
    List<Path> test = testFiles(request);
    List<Path> train = trainFiles(request, test);
    List<String> documents = TextFiles.read(train, separator, field);
    if (test.isEmpty()) {
      return TextSplits.of(documents);
    }
    return new TextSplits(documents, TextFiles.read(test, separator, field));
  }

  private static List<Path> trainFiles(DataRequest request, List<Path> test) {
    String glob = request.option("data.train-files", "");
    if (!glob.isBlank()) {
      return SplitFiles.glob(request.dir(), glob, "data.train-files");
    }
    Path dir = request.dir().orElseThrow(() -> new DataException("data = text-files needs its files: pass --data DIR "
        + "(or --data FILE) or set data.train-files to a glob"));
    if (Files.isRegularFile(dir)) {
      return List.of(dir);
    }
    List<Path> named = SplitFiles.containing(dir, "train");
    if (!named.isEmpty()) {
      return named;
    }
    List<Path> all = new ArrayList<>(SplitFiles.all(dir));
    all.removeAll(test);
    if (all.isEmpty()) {
      throw new DataException("no text files in " + dir + (test.isEmpty() ? "" : " besides the held-out " + test)
          + "; expected plain text or .jsonl files");
    }
    return all;
  }

  /** The held-out files; empty: hold out documents of the training files. */
  private static List<Path> testFiles(DataRequest request) {
    String glob = request.option("data.test-files", "");
    if (!glob.isBlank()) {
      return SplitFiles.glob(request.dir(), glob, "data.test-files");
    }
    if (request.dir().isEmpty() || !Files.isDirectory(request.dir().get())) {
      return List.of();
    }
    for (String word : List.of("test", "val")) {
      List<Path> found = SplitFiles.containing(request.dir().get(), word);
      if (!found.isEmpty()) {
        return found;
      }
    }
    return List.of();
  }
}
