package io.expertize.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Fashion-MNIST (Xiao et al. 2017): 60,000 train and 10,000 test 28x28 grey images, 10 classes,
 * read from the four IDX files as shipped by Debian's {@code dataset-fashion-mnist}.
 */
public final class FashionMnist {

  /** Where {@code apt-get install dataset-fashion-mnist} puts the files. */
  public static final Path DEFAULT_DIR = Path.of("/usr/share/datasets/fashion-mnist");

  public static final int NUM_CLASSES = 10;
  public static final ImageShape SHAPE = new ImageShape(28, 28, 1);
  public static final int TRAIN_SIZE = 60_000;
  public static final int TEST_SIZE = 10_000;

  /**
   * Mean and std of the training pixels scaled to [0, 1] (0.28604, 0.35302 exactly); the
   * constants are checked against the real data in the tests.
   */
  public static final Normalization NORMALIZATION = Normalization.of(0.2860f, 0.3530f);

  public static final List<String> CLASS_NAMES = List.of(
      "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
      "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

  static final String TRAIN_IMAGES = "train-images-idx3-ubyte.gz";
  static final String TRAIN_LABELS = "train-labels-idx1-ubyte.gz";
  static final String TEST_IMAGES = "t10k-images-idx3-ubyte.gz";
  static final String TEST_LABELS = "t10k-labels-idx1-ubyte.gz";

  private FashionMnist() {}

  /**
   * The directory holding the files: {@code dataDir} if given, else {@link #DEFAULT_DIR}.
   *
   * @throws DataException if the directory does not exist, naming it and how to get the data
   */
  public static Path locate(Optional<Path> dataDir) {
    return locate(dataDir, DEFAULT_DIR);
  }

  static Path locate(Optional<Path> dataDir, Path defaultDir) {
    Path dir = dataDir.orElse(defaultDir);
    if (!Files.isDirectory(dir)) {
      throw new DataException(
          "Fashion-MNIST directory not found: " + dir + "; install with `apt-get install "
              + "dataset-fashion-mnist` (files go to " + DEFAULT_DIR + ") or pass `--data DIR` "
              + "pointing at a directory with " + TRAIN_IMAGES + ", " + TRAIN_LABELS + ", "
              + TEST_IMAGES + " and " + TEST_LABELS);
    }
    return dir;
  }

  /** Loads both splits in full. */
  public static DatasetSplits load(Path dir) {
    return load(dir, Integer.MAX_VALUE, Integer.MAX_VALUE);
  }

  /**
   * Loads the first {@code maxTrain} / {@code maxTest} examples of each split; only that much is
   * decompressed, which keeps tests fast.
   */
  public static DatasetSplits load(Path dir, int maxTrain, int maxTest) {
    Path root = locate(Optional.of(dir));
    ImageDataset train = IdxReader.readDataset(
        "fashion-mnist/train", root.resolve(TRAIN_IMAGES), root.resolve(TRAIN_LABELS),
        NUM_CLASSES, maxTrain);
    ImageDataset test = IdxReader.readDataset(
        "fashion-mnist/test", root.resolve(TEST_IMAGES), root.resolve(TEST_LABELS),
        NUM_CLASSES, maxTest);
    for (ImageDataset split : List.of(train, test)) {
      if (!split.shape().equals(SHAPE)) {
        throw new DataException(
            root + ": " + split.name() + " images are " + split.height() + "x" + split.width()
                + "; expected Fashion-MNIST's 28x28");
      }
    }
    return new DatasetSplits(train, test, CLASS_NAMES);
  }
}
