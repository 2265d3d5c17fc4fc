package io.expertize.registry;

/**
 * How a user adds a model or a dataset of their own, for the errors that name an unregistered one: the same
 * words wherever a name is looked up.
 */
public final class ProviderHint {
  private ProviderHint() {}

  /** E.g. {@code To add a model, put its jar on the class path ... META-INF/services/io.expertize.registry.ModelProvider}. */
  public static String howToAdd(String what, Class<?> service) {
    return "To add a " + what + ", put its jar on the class path with ./expertize --classpath JAR (or EXPERTIZE_CLASSPATH)"
        + " and register its " + service.getSimpleName() + " in META-INF/services/" + service.getName();
  }
}
