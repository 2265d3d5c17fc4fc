package io.expertize.data.folder;

import io.expertize.data.DataException;
import io.expertize.data.DatasetInfo;
import io.expertize.data.ImageDataset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Encoded images decoded and resized by an {@link ImageDecoder} into one in-memory {@link ImageDataset},
 * a chunk at a time on all cores. An image that does not decode stops the load with an error naming it,
 * or, when bad images are skipped, is left out and its source and reason added to {@code skipped}.
 */
public final class DecodedImages {
  private static final int CHUNK = 256;

  private DecodedImages() {}

  /**
   * @param skipped receives {@code "source: reason"} of each image left out; null = fail on the first
   */
  public static ImageDataset decode(String name, List<? extends EncodedImage> images, DatasetInfo info,
      ImageDecoder decoder, List<String> skipped) {
    PixelBuffer pixels = new PixelBuffer(info.shape(), images.size());
    int[] labels = new int[images.size()];
    int kept = 0;
    for (int start = 0; start < images.size(); start += CHUNK) {
      int from = start;
      Decoded[] chunk = IntStream.range(from, Math.min(from + CHUNK, images.size())).parallel()
          .mapToObj(i -> decodeOne(images.get(i), decoder, skipped != null)).toArray(Decoded[]::new);
      for (int i = 0; i < chunk.length; i++) {
        EncodedImage image = images.get(from + i);
        if (chunk[i].pixels() == null) {
          skipped.add(image.source() + ": " + chunk[i].failure());
          continue;
        }
        pixels.put(kept, chunk[i].pixels());
        labels[kept++] = image.label();
      }
    }
    if (kept == 0 && !images.isEmpty()) {
      throw new DataException(name + ": none of its " + images.size() + " images can be decoded, e.g. "
          + skipped.get(0) + "; expected PNG, JPEG, BMP or GIF images");
    }
    return pixels.build(name, Arrays.copyOf(labels, kept), info.numClasses());
  }

  /** At most {@code limit} images, taken from the classes in turn (one of each, then the next of each), in their original order. */
  public static <T extends EncodedImage> List<T> spread(List<T> images, int limit) {
    if (limit >= images.size()) {
      return images;
    }
    int classes = images.stream().mapToInt(EncodedImage::label).max().orElse(0) + 1;
    int[] rank = new int[images.size()]; // position of each image within its class
    int[] seen = new int[classes];
    for (int i = 0; i < images.size(); i++) {
      rank[i] = seen[images.get(i).label()]++;
    }
    List<Integer> order = new ArrayList<>(IntStream.range(0, images.size()).boxed().toList());
    order.sort(Comparator.<Integer>comparingInt(i -> rank[i]).thenComparingInt(i -> images.get(i).label()));
    return order.subList(0, limit).stream().sorted().map(images::get).toList();
  }

  /** Pixels, or (when bad images are skipped) why there are none. */
  private record Decoded(float[] pixels, String failure) {}

  private static Decoded decodeOne(EncodedImage image, ImageDecoder decoder, boolean skipBad) {
    try {
      return new Decoded(decoder.decode(image.source(), image.bytes()), null);
    } catch (DataException e) {
      if (!skipBad) {
        throw e;
      }
      String prefix = "cannot decode " + image.source() + ": ";
      String message = e.getMessage();
      return new Decoded(null, message.startsWith(prefix) ? message.substring(prefix.length()) : message);
    }
  }
}
