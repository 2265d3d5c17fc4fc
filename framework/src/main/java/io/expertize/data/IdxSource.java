package io.expertize.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Any MNIST-format set as a {@link DatasetSource} ({@code data=idx}): the four IDX files under their
 * MNIST names, gzip-compressed or not, with the class count its labels give (the largest label plus
 * one) or the names of {@code data.classes}. Normalisation is measured on the training split.
 */
public final class IdxSource implements DatasetSource {
  private static final String[] FILES = {"train-images-idx3-ubyte", "train-labels-idx1-ubyte",
      "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"};

  @Override
  public String name() {
    return "idx";
  }

  @Override
  public DatasetInfo describe(DataRequest request) {
    Path dir = request.requireDir(name());
    int[] dims = IdxReader.read(file(dir, 0), IdxReader.MAGIC_IMAGES, 0).header().dims();
    ImageShape shape = new ImageShape(dims[1], dims[2], 1);
    int classes = Math.max(maxLabel(file(dir, 1)), maxLabel(file(dir, 3))) + 1;
    if (request.classes().isEmpty()) {
      return new DatasetInfo(shape, DatasetInfo.indexNames(classes));
    }
    if (request.classes().size() < classes) {
      throw new DataException(dir + ": the labels go up to " + (classes - 1) + " but data.classes names only "
          + request.classes().size() + " classes " + request.classes() + "; name one class per label");
    }
    return new DatasetInfo(shape, request.classes());
  }

  @Override
  public DatasetSplits load(DataRequest request, DatasetInfo info) {
    Path dir = request.requireDir(name());
    ImageDataset train = IdxReader.readDataset(
        "idx/train", file(dir, 0), file(dir, 1), info.numClasses(), request.trainLimit());
    ImageDataset test = IdxReader.readDataset(
        "idx/test", file(dir, 2), file(dir, 3), info.numClasses(), request.testLimit());
    if (!test.shape().equals(train.shape())) {
      throw new DataException(file(dir, 2) + ": test images are " + test.height() + "x" + test.width()
          + " but the training images in " + file(dir, 0) + " are " + train.height() + "x" + train.width());
    }
    return new DatasetSplits(train, test, info.classNames());
  }

  /** File {@code i} of {@link #FILES}, with or without {@code .gz}. */
  private static Path file(Path dir, int i) {
    for (String name : List.of(FILES[i] + ".gz", FILES[i])) {
      if (Files.isRegularFile(dir.resolve(name))) {
        return dir.resolve(name);
      }
    }
    throw new DataException("IDX file not found: " + dir.resolve(FILES[i]) + "[.gz]; data = idx reads "
        + String.join(", ", FILES) + " (each optionally .gz) from --data DIR");
  }

  private static int maxLabel(Path labels) {
    IdxArray y = IdxReader.read(labels, IdxReader.MAGIC_LABELS, Integer.MAX_VALUE);
    int max = -1;
    for (int i = 0; i < y.count(); i++) {
      max = Math.max(max, y.unsigned(i));
    }
    if (max < 0) {
      throw new DataException(labels + " holds no labels; expected at least one example");
    }
    return max;
  }
}
