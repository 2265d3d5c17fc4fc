package io.expertize.run;

import com.google.inject.CreationException;
import com.google.inject.ProvisionException;
import java.util.function.Supplier;

/**
 * The framework's own exception out of Guice's wrappers, so that a caller of the run package sees the
 * {@code DataException} or {@code UnknownModelException} a provider threw, as the CLI reports it.
 */
final class GuiceErrors {
  private GuiceErrors() {}

  static <T> T unwrapped(Supplier<T> action) {
    try {
      return action.get();
    } catch (ProvisionException | CreationException e) {
      throw cause(e);
    }
  }

  private static RuntimeException cause(RuntimeException e) {
    RuntimeException current = e;
    while ((current instanceof ProvisionException || current instanceof CreationException)
        && current.getCause() instanceof RuntimeException inner) {
      current = inner;
    }
    return current;
  }
}
