package io.expertize.data.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.expertize.data.DataException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpanCorruptionDatasetTest {
  @TempDir Path dir;

  @Test
  void fortuneRecordsAreSplitOnPercentLines() throws IOException {
    Files.writeString(dir.resolve("quotes"), "First one.\n%\nSecond,\n  on two lines.\n%\n%\nThird.\n");
    Files.writeString(dir.resolve("quotes.dat"), "binary index, skipped");
    assertThat(FortuneFiles.read(dir)).containsExactly("First one.", "Second,\n  on two lines.", "Third.");
    assertThatThrownBy(() -> FortuneFiles.read(dir.resolve("missing")))
        .isInstanceOf(DataException.class).hasMessageContaining("apt-get install fortunes");
  }

  @Test
  void examplesAreFixedLengthSeededAndRestoreTheirSegment() {
    List<String> docs = List.of("The quick brown fox jumps over the lazy dog.".repeat(20), "Pack my box with five dozen liquor jugs.".repeat(20));
    SpanCorruption t5 = SpanCorruption.byt5();
    SpanCorruptionDataset data = new SpanCorruptionDataset(docs, t5, 64, 5);
    int[] raw = t5.rawAndTargetsLength(64);
    String all = String.join("\n", docs);
    assertThat(data.size()).isEqualTo(ByteVocabulary.encode(all).length / raw[0]);
    for (int i = 0; i < data.size(); i++) {
      int[][] padded = data.padded(i);
      assertThat(padded[0]).hasSize(64);
      assertThat(padded[1]).hasSize(data.targetsLength());
      int[] segment = Arrays.copyOfRange(ByteVocabulary.encode(all), i * raw[0], (i + 1) * raw[0]);
      assertThat(t5.restore(data.example(i))).containsExactly(segment);
    }
    SpanCorruptionDataset again = new SpanCorruptionDataset(docs, t5, 64, 5);
    SpanCorruptionDataset other = new SpanCorruptionDataset(docs, t5, 64, 6);
    assertThat(again.padded(3)[0]).containsExactly(data.padded(3)[0]);
    assertThat(other.padded(3)[0]).isNotEqualTo(data.padded(3)[0]);
  }

  /** The real corpus: Debian's fortunes (skipped where the package is not installed). */
  @Test
  void debianFortunesGiveThousandsOfExamples() {
    assertTrue(Files.isDirectory(FortuneFiles.DEBIAN_DIRECTORY),
        "the Debian package 'fortunes' is needed: apt-get install fortunes (.ci/run installs it)");
    List<String> docs = FortuneFiles.read(FortuneFiles.DEBIAN_DIRECTORY);
    SpanCorruptionDataset data = new SpanCorruptionDataset(docs, SpanCorruption.byt5(), 128, 1);
    assertThat(docs.size()).isGreaterThan(1000);
    assertThat(data.size()).isGreaterThan(1000);
    assertThat(ByteVocabulary.decode(SpanCorruption.byt5().restore(data.example(0)))).isNotBlank();
  }
}
