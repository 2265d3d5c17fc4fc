package io.expertize.config;

/** The wording of per-key problems, shared by the loader and {@link ExpertizeConfig#with}. */
final class Messages {
  private Messages() {}

  /** E.g. {@code unknown key 'optim.learning-rate' in run.yaml; did you mean 'optim.lr'?} */
  static String unknownKey(String key, String origin) {
    return "unknown key '" + key + "' in " + origin
        + ClosestMatch.key(key, Keys.ALL)
            .map(k -> "; did you mean '" + k + "'?")
            .orElse("; see docs/configuration.md for the valid keys");
  }

  /** E.g. {@code bad value '0' for key 'train.epochs' in run.yaml: expected an int in [1, 10000]} */
  static String badValue(ConfigKey<?> key, String value, String origin) {
    return "bad value '" + value + "' for key '" + key.name() + "' in " + origin
        + ": expected " + key.expectation();
  }
}
