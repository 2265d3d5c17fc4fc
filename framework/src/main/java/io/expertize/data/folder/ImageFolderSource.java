package io.expertize.data.folder;

import io.expertize.data.DataException;
import io.expertize.data.DataRequest;
import io.expertize.data.DatasetInfo;
import io.expertize.data.DatasetSource;
import io.expertize.data.DatasetSplits;
import io.expertize.data.ImageShape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A class-per-folder tree of images ({@code data=image-folder}, layout in {@link ImageFolder}). Images
 * are decoded and resized once, when the run starts, with the ops the export's
 * {@code serving_image_bytes} signature runs ({@link DecodeResize}), into memory. Unless the request
 * fixes them, the first training image gives the size (it must be square) and the channel count (grey
 * or grey with alpha: 1, else 3); {@code data.channels} and {@code model.image-size} force them.
 */
public final class ImageFolderSource implements DatasetSource {
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
      own = decoder.nativeShape(first.toString(), folder.train().get(0).bytes());
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
    List<String> skipped = request.skipBadImages() ? new ArrayList<>() : null;
    try (ImageDecoder decoder = new ImageDecoder(info.shape())) {
      return new DatasetSplits(
          DecodedImages.decode("image-folder/train", spread(folder.train(), request.trainLimit()), info, decoder, skipped),
          DecodedImages.decode("image-folder/test", spread(folder.test(), request.testLimit()), info, decoder, skipped),
          info.classNames(), skipped == null ? List.of() : skipped);
    }
  }

  private ImageFolder scan(DataRequest request) {
    return ImageFolder.scan(request.requireDir(name()), request.valFraction(), request.seed());
  }

  /** At most {@code limit} files, taken from the classes in turn, in their original order. */
  static List<LabelledFile> spread(List<LabelledFile> files, int limit) {
    return DecodedImages.spread(files, limit);
  }

}
