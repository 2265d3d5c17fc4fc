package io.expertize.data.folder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.expertize.data.DataException;
import io.expertize.data.DataRequest;
import io.expertize.data.DatasetInfo;
import io.expertize.data.DatasetSplits;
import io.expertize.data.ImageDataset;
import io.expertize.data.ImageShape;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderSourceTest {
  private final ImageFolderSource source = new ImageFolderSource();
  @TempDir Path dir;

  @Test
  void trainAndTestFoldersLoadClassBySortedClassWithTheFilesExactPixels() {
    BufferedImage cat = ImageFiles.write(dir.resolve("train/cat/b.png"), 8, 8, 1, 1);
    ImageFiles.write(dir.resolve("train/cat/a.png"), 8, 8, 1, 2);
    ImageFiles.write(dir.resolve("train/ant/nested/x.png"), 8, 8, 1, 3);
    ImageFiles.write(dir.resolve("val/ant/y.png"), 8, 8, 1, 4);
    ImageFiles.write(dir.resolve("val/cat/z.png"), 8, 8, 1, 5);
    write(dir.resolve("train/cat/notes.txt"), "not an image");
    ImageFiles.write(dir.resolve("train/cat/.hidden.png"), 8, 8, 1, 6);

    DataRequest request = DataRequest.of(dir);
    DatasetInfo info = source.describe(request);
    assertThat(info).isEqualTo(new DatasetInfo(new ImageShape(8, 8, 1), List.of("ant", "cat")));
    DatasetSplits splits = source.load(request, info);

    ImageDataset train = splits.train();
    assertThat(train.size()).isEqualTo(3);
    assertThat(IntStream.range(0, 3).map(train::label)).containsExactly(0, 1, 1); // ant/nested/x, cat/a, cat/b
    assertThat(train.isByteStorage()).isTrue();
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < 8; x++) {
        assertThat(train.pixel(2, y * 8 + x)).isEqualTo(cat.getRaster().getSample(x, y, 0) / 255f);
      }
    }
    assertThat(splits.test().size()).isEqualTo(2);
    assertThat(splits.classNames()).containsExactly("ant", "cat");
  }

  @Test
  void colourFromTheFirstImageOrForcedAndResizedToTheRequestedSize() {
    BufferedImage rgb = ImageFiles.write(dir.resolve("train/a/1.png"), 6, 6, 3, 1);
    ImageFiles.write(dir.resolve("train/b/1.jpg"), 9, 7, 1, 2);
    ImageFiles.write(dir.resolve("test/a/1.bmp"), 6, 6, 3, 3);
    ImageFiles.write(dir.resolve("test/b/1.gif"), 5, 5, 3, 4);

    DatasetInfo own = source.describe(DataRequest.of(dir));
    assertThat(own.shape()).isEqualTo(new ImageShape(6, 6, 3));
    ImageDataset train = source.load(DataRequest.of(dir), own).train();
    assertThat(train.isByteStorage()).isFalse(); // the 9x7 JPEG was resized: fractions kept as floats
    int argb = rgb.getRGB(4, 2);
    assertThat(train.pixel(0, (2 * 6 + 4) * 3)).isEqualTo(((argb >> 16) & 0xFF) / 255f);
    assertThat(train.pixel(0, (2 * 6 + 4) * 3 + 2)).isEqualTo((argb & 0xFF) / 255f);

    DataRequest big = DataRequest.of(dir).withImageSize(12);
    DatasetInfo resized = source.describe(big);
    assertThat(resized.shape()).isEqualTo(new ImageShape(12, 12, 3));
    assertThat(source.load(big, resized).test().shape()).isEqualTo(new ImageShape(12, 12, 3));

    DataRequest grey = DataRequest.of(dir).withChannels(1);
    ImageDataset greyTrain = source.load(grey, source.describe(grey)).train(); // every format, GIF and BMP too
    float luma = Math.round(0.2989f * ((argb >> 16) & 0xFF) + 0.587f * ((argb >> 8) & 0xFF) + 0.114f * (argb & 0xFF));
    assertThat(greyTrain.pixel(0, 2 * 6 + 4)).isEqualTo(luma / 255f);
  }

  @Test
  void aRecordedRunIsDescribedWithoutItsData() {
    DataRequest recorded = DataRequest.of(dir.resolve("gone")).withImageSize(16).withChannels(3)
        .withClasses(List.of("x", "y"));
    assertThat(source.describe(recorded)).isEqualTo(new DatasetInfo(new ImageShape(16, 16, 3), List.of("x", "y")));
  }

  @Test
  void oneTreeIsSplitPerClassBySeed() {
    for (String c : List.of("a", "b", "c")) {
      for (int i = 0; i < 20; i++) {
        ImageFiles.write(dir.resolve(c + "/" + i + ".png"), 4, 4, 1, i);
      }
    }
    DataRequest request = DataRequest.of(dir).withSplit(0.25, 7);
    DatasetSplits splits = source.load(request, source.describe(request));
    assertThat(splits.train().size()).isEqualTo(45);
    assertThat(IntStream.range(0, 15).map(splits.test()::label)).containsExactly(
        0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2);

    List<Path> test = ImageFolder.scan(dir, 0.25, 7).test().stream().map(LabelledFile::file).toList();
    assertThat(ImageFolder.scan(dir, 0.25, 7).test().stream().map(LabelledFile::file).toList()).isEqualTo(test);
    assertThat(ImageFolder.scan(dir, 0.25, 8).test().stream().map(LabelledFile::file).toList()).isNotEqualTo(test);
    Set<Path> train = new HashSet<>(ImageFolder.scan(dir, 0.25, 7).train().stream().map(LabelledFile::file).toList());
    assertThat(test).noneMatch(train::contains);
  }

  @Test
  void aSubsetTakesTheClassesInTurn() {
    List<LabelledFile> files = List.of(file("a0", 0), file("a1", 0), file("a2", 0), file("b0", 1), file("c0", 2),
        file("c1", 2));
    assertThat(ImageFolderSource.spread(files, 4)).extracting(f -> f.file().toString())
        .containsExactly("a0", "a1", "b0", "c0");
  }

  @Test
  void aCorruptImageIsNamed() {
    ImageFiles.write(dir.resolve("train/a/1.png"), 4, 4, 1, 1);
    write(dir.resolve("train/b/broken.png"), "\u0089PNG but not really");
    ImageFiles.write(dir.resolve("test/a/1.png"), 4, 4, 1, 2);
    ImageFiles.write(dir.resolve("test/b/1.png"), 4, 4, 1, 3);
    DataRequest request = DataRequest.of(dir);
    DatasetInfo info = source.describe(request);
    assertThatThrownBy(() -> source.load(request, info)).isInstanceOf(DataException.class)
        .hasMessageContaining("cannot decode " + dir.resolve("train/b/broken.png"))
        .hasMessageContaining("expected a PNG, JPEG, BMP or GIF image");
  }

  @Test
  void badTreesAreNamed() throws Exception {
    assertThatThrownBy(() -> source.describe(DataRequest.of(dir.resolve("missing"))))
        .isInstanceOf(DataException.class).hasMessageContaining("image folder not found: " + dir.resolve("missing"));

    ImageFiles.write(dir.resolve("stray.png"), 4, 4, 1, 1);
    assertThatThrownBy(() -> source.describe(DataRequest.of(dir))).isInstanceOf(DataException.class)
        .hasMessageContaining("no class folders in " + dir).hasMessageContaining("stray.png");

    Files.createDirectories(dir.resolve("empty"));
    ImageFiles.write(dir.resolve("full/1.png"), 4, 4, 1, 1);
    assertThatThrownBy(() -> source.describe(DataRequest.of(dir))).isInstanceOf(DataException.class)
        .hasMessageContaining("class folder " + dir.resolve("empty") + " holds no images");

    Path wide = dir.resolve("wide");
    ImageFiles.write(wide.resolve("a/1.png"), 4, 6, 1, 1);
    ImageFiles.write(wide.resolve("a/2.png"), 4, 6, 1, 2);
    assertThatThrownBy(() -> source.describe(DataRequest.of(wide))).isInstanceOf(DataException.class)
        .hasMessageContaining(".png is 4x6").hasMessageContaining("set model.image-size");
    assertThat(source.describe(DataRequest.of(wide).withImageSize(4)).shape()).isEqualTo(new ImageShape(4, 4, 1));
  }

  @Test
  void trainAndTestMustHoldTheSameClasses() {
    ImageFiles.write(dir.resolve("train/a/1.png"), 4, 4, 1, 1);
    ImageFiles.write(dir.resolve("train/b/1.png"), 4, 4, 1, 2);
    ImageFiles.write(dir.resolve("test/a/1.png"), 4, 4, 1, 3);
    ImageFiles.write(dir.resolve("test/c/1.png"), 4, 4, 1, 4);
    assertThatThrownBy(() -> source.describe(DataRequest.of(dir))).isInstanceOf(DataException.class)
        .hasMessageContaining("only in train/: [b], only in test/: [c]");

    Path noTest = dir.resolve("no-test");
    ImageFiles.write(noTest.resolve("train/a/1.png"), 4, 4, 1, 1);
    assertThatThrownBy(() -> source.describe(DataRequest.of(noTest))).isInstanceOf(DataException.class)
        .hasMessageContaining(noTest + " has train/ but neither test/ nor val/");
  }

  @Test
  void recordedClassesMustMatchTheFolders() {
    ImageFiles.write(dir.resolve("a/1.png"), 4, 4, 1, 1);
    ImageFiles.write(dir.resolve("a/2.png"), 4, 4, 1, 2);
    DataRequest request = DataRequest.of(dir).withImageSize(4).withChannels(1).withClasses(List.of("a", "b"));
    assertThatThrownBy(() -> source.load(request, source.describe(request))).isInstanceOf(DataException.class)
        .hasMessageContaining("holds the classes [a] but the run was set up for [a, b]");
  }

  private static LabelledFile file(String name, int label) {
    return new LabelledFile(Path.of(name), label);
  }

  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void aTruncatedPngFailsNamingItOrIsSkippedAndListedWhenAsked() throws java.io.IOException {
    ImageFiles.write(dir.resolve("train/a/1.png"), 8, 8, 1, 1);
    ImageFiles.write(dir.resolve("train/b/1.png"), 8, 8, 1, 2);
    ImageFiles.write(dir.resolve("test/a/1.png"), 8, 8, 1, 3);
    ImageFiles.write(dir.resolve("test/b/1.png"), 8, 8, 1, 4);
    Path truncated = dir.resolve("train/b/2.png");
    ImageFiles.write(truncated, 8, 8, 1, 5);
    byte[] whole = Files.readAllBytes(truncated);
    Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length / 2));

    DataRequest request = DataRequest.of(dir);
    DatasetInfo info = source.describe(request);
    assertThatThrownBy(() -> source.load(request, info)).isInstanceOf(DataException.class)
        .hasMessageContaining("cannot decode " + truncated + ": ");
    DatasetSplits splits = source.load(request.withSkipBadImages(true), info);
    assertThat(splits.train().size()).isEqualTo(2);
    assertThat(IntStream.range(0, 2).map(splits.train()::label)).containsExactly(0, 1);
    assertThat(splits.skipped()).singleElement().asString().startsWith(truncated + ": ");
  }
}
