package io.expertize.data;

import java.util.Optional;

/**
 * A named image-classification dataset that a run can train on ({@code data=fashion-mnist},
 * {@code data=image-folder}); contributed by a {@link DatasetProvider}.
 */
public interface DatasetSource {
  /** The value of the {@code data} key that selects this dataset. */
  String name();

  /**
   * Shape and class names, as cheaply as the format allows (folder names, one image's header); when
   * the request fixes them (a recorded run), without reading the data at all.
   *
   * @throws DataException naming the file or directory when the data is missing or malformed
   */
  DatasetInfo describe(DataRequest request);

  /**
   * Loads and checks both splits at {@code info}'s shape.
   *
   * @throws DataException naming the file, directory or record that is missing or malformed
   */
  DatasetSplits load(DataRequest request, DatasetInfo info);

  /** A normalisation known without the data (Fashion-MNIST's); empty: measured on the training split. */
  default Optional<Normalization> knownNormalization() {
    return Optional.empty();
  }
}
