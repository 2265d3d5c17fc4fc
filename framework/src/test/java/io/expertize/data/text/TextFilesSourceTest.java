package io.expertize.data.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.expertize.data.DataException;
import io.expertize.data.DataRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextFilesSourceTest {
  private final TextFilesSource source = new TextFilesSource();
  @TempDir Path dir;

  @Test
  void trainAndTestFilesSplitOneDocumentPerLineByDefault() throws IOException {
    Files.writeString(dir.resolve("train.txt"), "first line\n\n  second line  \nthird\n");
    Files.writeString(dir.resolve("val.txt"), "held out\n");
    TextSplits splits = source.splits(DataRequest.of(dir));
    assertThat(splits.train()).containsExactly("first line", "second line", "third");
    assertThat(splits.test()).containsExactly("held out");
  }

  @Test
  void paragraphsAndPercentRecordsAreOtherSeparators() throws IOException {
    Path file = Files.writeString(dir.resolve("corpus.txt"), "a\nb\n\n\nc\n%\nd\n");
    assertThat(source.splits(DataRequest.of(file).withOption("data.separator", "blank-line")).train())
        .containsExactly("a\nb", "c\n%\nd");
    assertThat(source.splits(DataRequest.of(file).withOption("data.separator", "percent")).train())
        .containsExactly("a\nb\n\n\nc", "d");
  }

  @Test
  void oneFileWithoutHeldOutFilesHoldsOutEveryTwentiethDocument() throws IOException {
    Path file = Files.writeString(dir.resolve("notes.txt"),
        IntStream.range(0, 40).mapToObj(i -> "line " + i).collect(Collectors.joining("\n")));
    TextSplits splits = source.splits(DataRequest.of(file));
    assertThat(splits.test()).containsExactly("line 19", "line 39");
    assertThat(splits.train()).hasSize(38);
    assertThat(source.splits(DataRequest.of(dir)).test()).containsExactly("line 19", "line 39"); // the directory's files
  }

  @Test
  void jsonLinesTakeTheNamedFieldAndGlobsChooseTheFiles() throws IOException {
    Files.createDirectories(dir.resolve("a"));
    Files.writeString(dir.resolve("a/part-1.jsonl"), "{\"text\": \"one\", \"id\": 1}\n\n{\"text\": \"two\"}\n");
    Files.writeString(dir.resolve("a/part-2.jsonl"), "{\"text\": \"three\"}\n");
    Files.writeString(dir.resolve("a/other.jsonl"), "{\"body\": \"held\"}\n");
    DataRequest request = DataRequest.of(dir).withOption("data.train-files", "a/part-*.jsonl")
        .withOption("data.test-files", "a/other.jsonl");
    assertThatThrownBy(() -> source.splits(request)).isInstanceOf(DataException.class)
        .hasMessage(dir.resolve("a/other.jsonl") + ":1: no field 'text'; the object has [body]: name the text's field "
            + "with data.text-field");
    TextSplits splits = source.splits(request.withOption("data.test-files", "a/part-2.jsonl"));
    assertThat(splits.train()).containsExactly("one", "two", "three");
    assertThat(splits.test()).containsExactly("three");
  }

  @Test
  void badLinesEmptyFilesAndNoFilesAreNamed() throws IOException {
    Path json = Files.writeString(dir.resolve("train.jsonl"), "{\"text\": \"ok\"}\n{\"text\": 3}\n");
    assertThatThrownBy(() -> source.splits(DataRequest.of(dir))).isInstanceOf(DataException.class)
        .hasMessage(json + ":2: field 'text' is a number, expected a string");
    Files.writeString(json, "{\"text\": \"ok\"}\n[1, 2\n");
    assertThatThrownBy(() -> source.splits(DataRequest.of(dir))).isInstanceOf(DataException.class)
        .hasMessageStartingWith(json + ":2: not JSON (");
    Files.writeString(json, "\n\n");
    assertThatThrownBy(() -> source.splits(DataRequest.of(dir))).isInstanceOf(DataException.class)
        .hasMessage(json + " holds no text; expected one JSON object per line with a string field 'text'");
    Files.write(json, new byte[] {'a', (byte) 0xC3, '\n'});
    assertThatThrownBy(() -> source.splits(DataRequest.of(dir))).isInstanceOf(DataException.class)
        .hasMessageContaining(json + ": not UTF-8 text");
    Files.delete(json);
    assertThatThrownBy(() -> source.splits(DataRequest.of(dir))).isInstanceOf(DataException.class)
        .hasMessageContaining("no text files in " + dir);
    assertThatThrownBy(() -> source.splits(DataRequest.of(dir).withOption("data.train-files", "*.txt")))
        .isInstanceOf(DataException.class).hasMessage("data.train-files = *.txt: no file in " + dir + " matches *.txt");
  }
}
