package io.expertize.registry;

/** A model name that no provider registered; the message names the closest registered one. */
public class UnknownModelException extends IllegalArgumentException {
  public UnknownModelException(String message) {
    super(message);
  }
}
