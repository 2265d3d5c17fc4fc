package io.expertize.data.text;

import io.expertize.data.DataRequest;

/**
 * Debian's {@code fortunes} as a {@link TextSource}: one document per quotation, from {@code data.dir} or
 * the package's directory; every 20th held out ({@link TextSplits#of}).
 */
public final class FortunesSource implements TextSource {
  @Override
  public String name() {
    return "fortunes";
  }

  @Override
  public TextSplits splits(DataRequest request) {
    return TextSplits.of(FortuneFiles.read(request.dir().orElse(FortuneFiles.DEBIAN_DIRECTORY)));
  }
}
