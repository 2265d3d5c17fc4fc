package io.expertize.data.text;

import java.nio.file.Path;
import java.util.List;

/** A named corpus of plain-text documents that a text-to-text model can pretrain on ({@code data=fortunes}). */
public interface TextSource {
  /** The value of the {@code data} key that selects this corpus. */
  String name();

  /** Where the corpus is when {@code data.dir} is empty (its Debian package's location). */
  Path defaultDirectory();

  /** Every document, in a fixed order. */
  List<String> documents(Path dir);
}
