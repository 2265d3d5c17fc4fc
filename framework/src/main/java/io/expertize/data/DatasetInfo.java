package io.expertize.data;

import java.util.List;
import java.util.stream.IntStream;

/**
 * What a dataset holds, known before its pixels are read: the shape its images are loaded at and its
 * class names in label order.
 */
public record DatasetInfo(ImageShape shape, List<String> classNames) {

  public DatasetInfo {
    classNames = List.copyOf(classNames);
    if (classNames.isEmpty()) {
      throw new IllegalArgumentException("a dataset needs at least one class");
    }
  }

  public int numClasses() {
    return classNames.size();
  }

  /** {@code "0", "1", ...}: the names of classes known only by their labels. */
  public static List<String> indexNames(int numClasses) {
    return IntStream.range(0, numClasses).mapToObj(String::valueOf).toList();
  }
}
