package io.expertize.data.text;

import java.nio.file.Path;
import java.util.List;

/** Debian's {@code fortunes} as a {@link TextSource}: one document per quotation. */
public final class FortunesSource implements TextSource {
  @Override
  public String name() {
    return "fortunes";
  }

  @Override
  public Path defaultDirectory() {
    return FortuneFiles.DEBIAN_DIRECTORY;
  }

  @Override
  public List<String> documents(Path dir) {
    return FortuneFiles.read(dir);
  }
}
