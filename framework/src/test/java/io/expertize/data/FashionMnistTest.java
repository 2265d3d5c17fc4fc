package io.expertize.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTest {
  private static DatasetSplits splits;

  @BeforeAll
  static void loadOnce() {
    assumeTrue(Files.isDirectory(FashionMnist.DEFAULT_DIR),
        "needs `apt-get install dataset-fashion-mnist`");
    splits = FashionMnist.load(FashionMnist.locate(Optional.empty()));
  }

  @Test
  void loadsBothSplits() {
    assertThat(splits.train().size()).isEqualTo(FashionMnist.TRAIN_SIZE);
    assertThat(splits.test().size()).isEqualTo(FashionMnist.TEST_SIZE);
    for (ImageDataset split : new ImageDataset[] {splits.train(), splits.test()}) {
      assertThat(split.shape()).isEqualTo(new ImageShape(28, 28, 1));
      assertThat(split.numClasses()).isEqualTo(10);
      int[] perClass = new int[10];
      for (int i = 0; i < split.size(); i++) {
        perClass[split.label(i)]++;
      }
      // Fashion-MNIST is balanced: 6000 / 1000 per class.
      assertThat(perClass).containsOnly(split.size() / 10);
    }
    assertThat(splits.train().label(0)).isEqualTo(9); // the first image is an ankle boot
  }

  @Test
  void hardCodedNormalisationMatchesTheTrainingData() {
    Normalization measured = splits.train().computeNormalization();
    assertThat(measured.mean(0)).isCloseTo(FashionMnist.NORMALIZATION.mean(0), within(1e-3f));
    assertThat(measured.std(0)).isCloseTo(FashionMnist.NORMALIZATION.std(0), within(1e-3f));
  }

  @Test
  void subsetLoadsOnlyTheFirstExamples() {
    DatasetSplits small = FashionMnist.load(FashionMnist.DEFAULT_DIR, 100, 30);
    assertThat(small.train().size()).isEqualTo(100);
    assertThat(small.test().size()).isEqualTo(30);
    for (int i = 0; i < 100; i++) {
      assertThat(small.train().label(i)).isEqualTo(splits.train().label(i));
    }
    assertThat(small.train().pixel(99, 400)).isEqualTo(splits.train().pixel(99, 400));
  }

  @Test
  void locateUsesTheGivenDirectory(@TempDir Path dir) {
    assertThat(FashionMnist.locate(Optional.of(dir))).isEqualTo(dir);
  }

  @Test
  void locateExplainsHowToGetTheData(@TempDir Path dir) {
    Path missing = dir.resolve("no-such-dir");
    assertThatThrownBy(() -> FashionMnist.locate(Optional.of(missing)))
        .isInstanceOf(DataException.class)
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("apt-get install dataset-fashion-mnist")
        .hasMessageContaining("--data DIR");
    assertThatThrownBy(() -> FashionMnist.locate(Optional.empty(), missing))
        .isInstanceOf(DataException.class)
        .hasMessageContaining(missing.toString());
  }

  @Test
  void missingFileInTheDirectoryIsNamed(@TempDir Path dir) {
    assertThatThrownBy(() -> FashionMnist.load(dir))
        .isInstanceOf(DataException.class)
        .hasMessageContaining(dir.resolve(FashionMnist.TRAIN_IMAGES).toString());
  }
}
