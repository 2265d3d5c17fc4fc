package io.expertize.data.folder;

import io.expertize.data.DataException;
import io.expertize.data.DataRequest;
import io.expertize.data.DatasetInfo;
import io.expertize.data.DatasetSource;
import io.expertize.data.DatasetSplits;
import io.expertize.data.ImageDataset;
import io.expertize.data.ImageShape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A class-per-folder tree of images ({@code data=image-folder}, layout in {@link ImageFolder}). Images
 * are decoded and resized once, when the run starts, with the ops the export's
 * {@code serving_image_bytes} signature runs ({@link DecodeResize}), into memory. Unless the request
 * fixes them, the first training image gives the size (it must be square) and the channel count (grey
 * or grey with alpha: 1, else 3); {@code data.channels} and {@code model.image-size} force them.
 */
public final class ImageFolderSource implements DatasetSource {
  private static final int CHUNK = 256;

  @Override
  public String name() {
    return "image-folder";
  }

  @Override
  public DatasetInfo describe(DataRequest request) {
    if (request.imageSize().isPresent() && request.channels().isPresent() && !request.classes().isEmpty()) {
      int size = request.imageSize().getAsInt();
      return new DatasetInfo(new ImageShape(size, size, request.channels().getAsInt()), request.classes());
    }
    ImageFolder folder = scan(request);
    Path first = folder.train().get(0).file();
    ImageShape own;
    try (ImageDecoder decoder = ImageDecoder.forShapes()) {
      own = decoder.nativeShape(first, read(first));
    }
    if (request.imageSize().isEmpty() && own.height() != own.width()) {
      throw new DataException(first + " is " + own.height() + "x" + own.width() + " (height x width), and the first "
          + "training image sets the size all are resized to: set model.image-size to the square side the model takes");
    }
    int size = request.imageSize().orElse(own.height());
    int channels = request.channels().orElse(own.channels() <= 2 ? 1 : 3);
    return new DatasetInfo(new ImageShape(size, size, channels), folder.classNames());
  }

  @Override
  public DatasetSplits load(DataRequest request, DatasetInfo info) {
    ImageFolder folder = scan(request);
    if (!folder.classNames().equals(info.classNames())) {
      throw new DataException(request.requireDir(name()) + " holds the classes " + folder.classNames()
          + " but the run was set up for " + info.classNames() + " (data.classes)");
    }
    try (ImageDecoder decoder = new ImageDecoder(info.shape())) {
      return new DatasetSplits(
          decode("image-folder/train", spread(folder.train(), request.trainLimit()), info, decoder),
          decode("image-folder/test", spread(folder.test(), request.testLimit()), info, decoder),
          info.classNames());
    }
  }

  private ImageFolder scan(DataRequest request) {
    return ImageFolder.scan(request.requireDir(name()), request.valFraction(), request.seed());
  }

  /** At most {@code limit} files, taken from the classes in turn, in their original order. */
  static List<LabelledFile> spread(List<LabelledFile> files, int limit) {
    if (limit >= files.size()) {
      return files;
    }
    int classes = files.stream().mapToInt(LabelledFile::label).max().orElse(0) + 1;
    int[] rank = new int[files.size()]; // position of each file within its class
    int[] seen = new int[classes];
    for (int i = 0; i < files.size(); i++) {
      rank[i] = seen[files.get(i).label()]++;
    }
    List<Integer> order = new ArrayList<>(IntStream.range(0, files.size()).boxed().toList());
    order.sort(Comparator.<Integer>comparingInt(i -> rank[i]).thenComparingInt(i -> files.get(i).label()));
    return order.subList(0, limit).stream().sorted().map(files::get).toList();
  }

  private static ImageDataset decode(String name, List<LabelledFile> files, DatasetInfo info, ImageDecoder decoder) {
    PixelBuffer pixels = new PixelBuffer(info.shape(), files.size());
    for (int start = 0; start < files.size(); start += CHUNK) {
      int from = start;
      float[][] chunk = IntStream.range(from, Math.min(from + CHUNK, files.size())).parallel()
          .mapToObj(i -> decoder.decode(files.get(i).file(), read(files.get(i).file()))).toArray(float[][]::new);
      for (int i = 0; i < chunk.length; i++) {
        pixels.put(from + i, chunk[i]);
      }
    }
    return pixels.build(name, files.stream().mapToInt(LabelledFile::label).toArray(), info.numClasses());
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new DataException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
