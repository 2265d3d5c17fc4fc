package io.expertize.run;

/**
 * A run asks for a combination the framework does not support yet (such as distillation on a
 * cluster): the request is well-formed, and the message says how to get a run that works.
 */
public final class UnsupportedRunException extends RuntimeException {
  public UnsupportedRunException(String message) {
    super(message);
  }
}
