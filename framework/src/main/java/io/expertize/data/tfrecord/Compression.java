package io.expertize.data.tfrecord;

import java.util.Locale;

/** How a TFRecord file is compressed ({@code data.compression}); AUTO looks at the file's first bytes. */
public enum Compression {
  AUTO, NONE, GZIP;

  static Compression parse(String text) {
    return valueOf(text.strip().toUpperCase(Locale.ROOT));
  }
}
