package io.expertize.data.text;

import io.expertize.data.DataRequest;

/**
 * A named corpus of plain-text documents that a text-to-text model can pretrain on ({@code data=fortunes},
 * {@code data=text-files}); contributed by a {@link io.expertize.data.DatasetProvider}.
 */
public interface TextSource {
  /** The value of the {@code data} key that selects this corpus. */
  String name();

  /**
   * The training and held-out documents, each in a fixed order, from the request's directory (or the
   * corpus's default location) and options.
   *
   * @throws io.expertize.data.DataException naming the file (and line) that is missing or malformed
   */
  TextSplits splits(DataRequest request);
}
