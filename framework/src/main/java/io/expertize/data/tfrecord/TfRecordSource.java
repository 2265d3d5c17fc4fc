package io.expertize.data.tfrecord;

import io.expertize.data.DataException;
import io.expertize.data.DataRequest;
import io.expertize.data.DatasetInfo;
import io.expertize.data.DatasetSource;
import io.expertize.data.DatasetSplits;
import io.expertize.data.ImageShape;
import io.expertize.data.SplitFiles;
import io.expertize.data.folder.DecodedImages;
import io.expertize.data.folder.ImageDecoder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * TFRecord files of {@code tf.train.Example} ({@code data=tfrecord}), each Example an encoded image and an
 * int64 label under the TFDS / Model Garden feature names ({@code image/encoded}, {@code image/class/label};
 * others by {@code data.image-feature} and {@code data.label-feature}). One glob per split
 * ({@code data.train-files}, {@code data.test-files}; by default the files of {@code --data DIR} whose names
 * contain {@code train}, and {@code test} or else {@code val}). Images are decoded and resized as image
 * folders' are ({@link ImageDecoder}, the export's serving ops), into memory; the class count is the largest
 * label plus one, named {@code 0, 1, ...} or by {@code data.classes}.
 */
public final class TfRecordSource implements DatasetSource {
  static final String IMAGE_FEATURE = "image/encoded";
  static final String LABEL_FEATURE = "image/class/label";

  @Override
  public String name() {
    return "tfrecord";
  }

  @Override
  public DatasetInfo describe(DataRequest request) {
    if (request.imageSize().isPresent() && request.channels().isPresent() && !request.classes().isEmpty()) {
      int size = request.imageSize().getAsInt();
      return new DatasetInfo(new ImageShape(size, size, request.channels().getAsInt()), request.classes());
    }
    Records records = read(request);
    ExampleImage first = records.train().get(0);
    ImageShape own;
    try (ImageDecoder decoder = ImageDecoder.forShapes()) {
      own = decoder.nativeShape(first.source(), first.bytes());
    }
    if (request.imageSize().isEmpty() && own.height() != own.width()) {
      throw new DataException(first.source() + ": the image is " + own.height() + "x" + own.width() + " (height x "
          + "width), and the first training image sets the size all are resized to: set model.image-size to the "
          + "square side the model takes");
    }
    int size = request.imageSize().orElse(own.height());
    int channels = request.channels().orElse(own.channels() <= 2 ? 1 : 3);
    return new DatasetInfo(new ImageShape(size, size, channels), classes(request, records));
  }

  @Override
  public DatasetSplits load(DataRequest request, DatasetInfo info) {
    Records records = read(request);
    for (List<ExampleImage> split : List.of(records.train(), records.test())) {
      for (ExampleImage image : split) {
        if (image.label() >= info.numClasses()) {
          throw new DataException(image.source() + ": label " + image.label() + " but the run has "
              + info.numClasses() + " classes " + info.classNames() + " (data.classes); name one class per label");
        }
      }
    }
    List<String> skipped = request.skipBadImages() ? new ArrayList<>() : null;
    try (ImageDecoder decoder = new ImageDecoder(info.shape())) {
      return new DatasetSplits(
          DecodedImages.decode("tfrecord/train", DecodedImages.spread(records.train(), request.trainLimit()), info,
              decoder, skipped),
          DecodedImages.decode("tfrecord/test", DecodedImages.spread(records.test(), request.testLimit()), info,
              decoder, skipped),
          info.classNames(), skipped == null ? List.of() : skipped);
    }
  }

  /** The Examples of both splits, parsed. */
  record Records(List<ExampleImage> train, List<ExampleImage> test) {}

  private static Records read(DataRequest request) {
    Compression compression = Compression.parse(request.option("data.compression", "auto"));
    String image = request.option("data.image-feature", IMAGE_FEATURE);
    String label = request.option("data.label-feature", LABEL_FEATURE);
    List<Path> train = files(request, "data.train-files", List.of("train"));
    List<Path> test = files(request, "data.test-files", List.of("test", "val")); // both found before either is read
    return new Records(examples(train, compression, image, label), examples(test, compression, image, label));
  }

  private static List<Path> files(DataRequest request, String key, List<String> words) {
    String glob = request.option(key, "");
    if (!glob.isBlank()) {
      return SplitFiles.glob(request.dir(), glob, key);
    }
    Path dir = request.dir().orElseThrow(() -> new DataException("data = tfrecord needs its files: pass --data DIR "
        + "(files named *train* and *test* or *val*, as TFDS and the Model Garden write them) or set " + key));
    for (String word : words) {
      List<Path> found = SplitFiles.containing(dir, word);
      if (!found.isEmpty()) {
        return found;
      }
    }
    throw new DataException("no TFRecord files in " + dir + " whose names contain " + String.join(" or ", words)
        + "; name them (e.g. train-00000-of-00001, test-00000-of-00001) or set " + key + " to a glob");
  }

  private static List<ExampleImage> examples(List<Path> files, Compression compression, String image, String label) {
    List<ExampleImage> examples = new ArrayList<>();
    for (Path file : files) {
      List<byte[]> records = TfRecordFile.read(file, compression);
      if (records.isEmpty()) {
        throw new DataException(file + " holds no records; expected TFRecord files of tf.train.Example");
      }
      for (int i = 0; i < records.size(); i++) {
        examples.add(ExampleImage.parse(file, i, records.get(i), image, label));
      }
    }
    return examples;
  }

  private static List<String> classes(DataRequest request, Records records) {
    int max = 0;
    ExampleImage highest = records.train().get(0);
    for (List<ExampleImage> split : List.of(records.train(), records.test())) {
      for (ExampleImage e : split) {
        if (e.label() > max) {
          max = e.label();
          highest = e;
        }
      }
    }
    if (request.classes().isEmpty()) {
      return DatasetInfo.indexNames(max + 1);
    }
    if (request.classes().size() <= max) {
      throw new DataException(highest.source() + ": label " + max + " but data.classes names only "
          + request.classes().size() + " classes " + request.classes() + "; name one class per label");
    }
    return request.classes();
  }
}
