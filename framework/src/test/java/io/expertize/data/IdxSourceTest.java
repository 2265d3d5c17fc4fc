package io.expertize.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxSourceTest {
  private final IdxSource source = new IdxSource();
  @TempDir Path dir;

  @Test
  void anyMnistFormatSetWithItsOwnClassCount() throws IOException {
    IdxFiles.write(dir, "train", new byte[6 * 5 * 4], new int[] {0, 4, 2, 1, 3, 0}, 5, 4, true);
    IdxFiles.write(dir, "t10k", new byte[2 * 5 * 4], new int[] {1, 2}, 5, 4, false);
    DatasetInfo info = source.describe(DataRequest.of(dir));
    assertThat(info).isEqualTo(new DatasetInfo(new ImageShape(5, 4, 1), List.of("0", "1", "2", "3", "4")));
    DatasetSplits splits = source.load(DataRequest.of(dir).withLimits(3, 2), info);
    assertThat(splits.train().size()).isEqualTo(3);
    assertThat(splits.train().numClasses()).isEqualTo(5);
    assertThat(splits.test().label(1)).isEqualTo(2);

    List<String> names = List.of("a", "b", "c", "d", "e", "f");
    assertThat(source.describe(DataRequest.of(dir).withClasses(names)).classNames()).isEqualTo(names);
    assertThatThrownBy(() -> source.describe(DataRequest.of(dir).withClasses(List.of("a", "b"))))
        .isInstanceOf(DataException.class).hasMessageContaining("the labels go up to 4 but data.classes names only 2");
  }

  @Test
  void missingFilesAndDirectoryAreNamed() throws IOException {
    assertThatThrownBy(() -> source.describe(DataRequest.builder().trainLimit(1).testLimit(1).build()))
        .isInstanceOf(DataException.class).hasMessageContaining("data = idx has no default location: pass --data DIR");
    IdxFiles.write(dir, "train", new byte[2 * 4], new int[] {0, 1}, 2, 2, false);
    assertThatThrownBy(() -> source.describe(DataRequest.of(dir))).isInstanceOf(DataException.class)
        .hasMessageContaining("IDX file not found: " + dir.resolve("t10k-labels-idx1-ubyte") + "[.gz]");
  }

  /** IDX image and label files under MNIST's names, written as the format says (big-endian header). */
  public static final class IdxFiles {
    private IdxFiles() {}

    public static void write(Path dir, String prefix, byte[] pixels, int[] labels, int rows, int cols, boolean gzip)
        throws IOException {
      String suffix = gzip ? ".gz" : "";
      try (DataOutputStream out = open(dir.resolve(prefix + "-images-idx3-ubyte" + suffix), gzip)) {
        out.writeInt(IdxReader.MAGIC_IMAGES);
        out.writeInt(labels.length);
        out.writeInt(rows);
        out.writeInt(cols);
        out.write(pixels);
      }
      try (DataOutputStream out = open(dir.resolve(prefix + "-labels-idx1-ubyte" + suffix), gzip)) {
        out.writeInt(IdxReader.MAGIC_LABELS);
        out.writeInt(labels.length);
        for (int label : labels) {
          out.writeByte(label);
        }
      }
    }

    private static DataOutputStream open(Path file, boolean gzip) throws IOException {
      Files.createDirectories(file.getParent());
      OutputStream raw = Files.newOutputStream(file);
      return new DataOutputStream(gzip ? new GZIPOutputStream(raw) : raw);
    }
  }
}
