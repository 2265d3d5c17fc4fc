package io.expertize.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdxReaderTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void readsImagesAndLabelsPlainOrGzipped(boolean gzip) throws IOException {
    byte[] images = IdxFiles.images(5, 3, 4);
    byte[] labels = IdxFiles.labels(5, 3);
    // Misleading names on purpose: compression is detected from the content.
    Path x = IdxFiles.write(dir, "images.idx", gzip ? IdxFiles.gzip(images) : images);
    Path y = IdxFiles.write(dir, "labels.gz", gzip ? IdxFiles.gzip(labels) : labels);

    IdxArray read = IdxReader.readImages(x);
    assertThat(read.header().dims()).containsExactly(5, 3, 4);
    assertThat(read.count()).isEqualTo(5);
    assertThat(read.data()).isEqualTo(Arrays.copyOfRange(images, 16, images.length));
    assertThat(IdxReader.readLabels(y).data()).containsExactly(0, 1, 2, 0, 1);

    ImageDataset ds = IdxReader.readDataset("tiny", x, y, 3, Integer.MAX_VALUE);
    assertThat(ds.size()).isEqualTo(5);
    assertThat(ds.shape()).isEqualTo(new ImageShape(3, 4, 1));
    assertThat(ds.label(4)).isEqualTo(1);
    assertThat(ds.pixel(1, 2)).isEqualTo((7 + 2) / 255f);
  }

  @Test
  void readsOnlyTheFirstItemsWhenLimited() throws IOException {
    Path x = IdxFiles.write(dir, "x", IdxFiles.gzip(IdxFiles.images(10, 2, 2)));
    Path y = IdxFiles.write(dir, "y", IdxFiles.labels(10, 4));
    ImageDataset ds = IdxReader.readDataset("tiny", x, y, 4, 3);
    assertThat(ds.size()).isEqualTo(3);
    assertThat(ds.label(2)).isEqualTo(2);
  }

  @Test
  void missingFileNamesThePathAndTheExpectedContent() {
    Path missing = dir.resolve("nope-images.gz");
    assertThatThrownBy(() -> IdxReader.readImages(missing))
        .isInstanceOf(DataException.class)
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("not found")
        .hasMessageContaining("0x00000803");
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void wrongMagicSaysExpectedAndFoundInHex(boolean gzip) throws IOException {
    byte[] labels = IdxFiles.labels(4, 2);
    Path file = IdxFiles.write(dir, "labels", gzip ? IdxFiles.gzip(labels) : labels);
    assertThatThrownBy(() -> IdxReader.readImages(file))
        .isInstanceOf(DataException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("expected 0x00000803")
        .hasMessageContaining("found 0x00000801");
  }

  @Test
  void truncatedDataSaysExpectedAndFoundBytes() throws IOException {
    byte[] full = IdxFiles.images(5, 3, 4); // 16-byte header + 60 bytes
    Path file = IdxFiles.write(dir, "short", IdxFiles.gzip(Arrays.copyOf(full, 16 + 50)));
    assertThatThrownBy(() -> IdxReader.readImages(file))
        .isInstanceOf(DataException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("truncated")
        .hasMessageContaining("expected 60 bytes")
        .hasMessageContaining("[5, 3, 4]")
        .hasMessageContaining("found 50");
  }

  @Test
  void truncatedHeaderIsReported() throws IOException {
    Path file = IdxFiles.write(dir, "header", Arrays.copyOf(IdxFiles.images(5, 3, 4), 10));
    assertThatThrownBy(() -> IdxReader.readImages(file))
        .isInstanceOf(DataException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("expected 16 bytes")
        .hasMessageContaining("found 10");
  }

  @Test
  void trailingBytesAreReported() throws IOException {
    byte[] full = IdxFiles.images(2, 2, 2);
    Path file = IdxFiles.write(dir, "long", Arrays.copyOf(full, full.length + 3));
    assertThatThrownBy(() -> IdxReader.readImages(file))
        .isInstanceOf(DataException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("trailing bytes")
        .hasMessageContaining("expected exactly 8 bytes");
  }

  @Test
  void countMismatchNamesBothFiles() throws IOException {
    Path x = IdxFiles.write(dir, "x", IdxFiles.images(5, 2, 2));
    Path y = IdxFiles.write(dir, "y", IdxFiles.labels(4, 2));
    assertThatThrownBy(() -> IdxReader.readDataset("pair", x, y, 2, Integer.MAX_VALUE))
        .isInstanceOf(DataException.class)
        .hasMessageContaining(x + " has 5 images")
        .hasMessageContaining(y + " has 4 labels")
        .hasMessageContaining("expected paired files with the same count");
  }

  @Test
  void labelOutOfRangeNamesFileAndRange() throws IOException {
    Path x = IdxFiles.write(dir, "x", IdxFiles.images(3, 2, 2));
    Path y = IdxFiles.write(dir, "y", IdxFiles.labels(3, 3));
    assertThatThrownBy(() -> IdxReader.readDataset("pair", x, y, 2, Integer.MAX_VALUE))
        .isInstanceOf(DataException.class)
        .hasMessageContaining(y.toString())
        .hasMessageContaining("label 2 at index 2")
        .hasMessageContaining("[0, 2)");
  }

  @Test
  void corruptGzipIsReportedAsSuch() throws IOException {
    byte[] gz = IdxFiles.gzip(IdxFiles.images(20, 5, 5));
    for (int i = 12; i < gz.length - 8; i++) {
      gz[i] ^= (byte) 0x5A; // garble the deflate stream, keep the gzip magic
    }
    Path file = IdxFiles.write(dir, "corrupt.gz", gz);
    assertThatThrownBy(() -> IdxReader.readImages(file))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("Corrupt gzip")
        .hasMessageContaining(file.toString())
        .hasMessageContaining("expected a complete gzip stream");
  }

  @Test
  void truncatedGzipStreamIsCorruptGzip() throws IOException {
    byte[] gz = IdxFiles.gzip(IdxFiles.images(20, 5, 5));
    Path file = IdxFiles.write(dir, "cut.gz", Arrays.copyOf(gz, gz.length / 2));
    assertThatThrownBy(() -> IdxReader.readImages(file))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("Corrupt gzip")
        .hasMessageContaining(file.toString());
  }

  @Test
  void badCrcTrailerIsCorruptGzip() throws IOException {
    byte[] gz = IdxFiles.gzip(IdxFiles.images(2, 2, 2));
    gz[gz.length - 8] ^= 1; // CRC32 in the trailer
    Path file = IdxFiles.write(dir, "crc.gz", gz);
    assertThatThrownBy(() -> IdxReader.readImages(file))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("Corrupt gzip")
        .hasMessageContaining(file.toString());
  }
}
