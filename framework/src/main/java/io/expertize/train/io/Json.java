package io.expertize.train.io;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The one Jackson mapper of this package (thread-safe once built). */
public final class Json {

  public static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}
}
