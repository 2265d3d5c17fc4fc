package io.expertize.run;

/**
 * A run asks for a combination the framework does not support yet (such as distillation on a
 * cluster): the request is well-formed, and the message says how to get a run that works.
 */
public final class UnsupportedRunException extends RuntimeException {
  /** @param message what is not supported, and how to get a run that works */
  public UnsupportedRunException(String message) {
    super(message);
  }
}
