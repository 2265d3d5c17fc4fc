package io.expertize.nn;

/**
 * An image classifier built from a configuration record that states its input and classes (the
 * zoo's {@code VitConfig}, {@code PvtConfig}, {@code SwinConfig}); the record is not a module, so
 * the parameter walk skips it.
 *
 * @param <C> the configuration
 */
public abstract class ConfiguredImageClassifier<C extends ImageClassifierSpec> extends ImageClassifier {
  private final C config;

  protected ConfiguredImageClassifier(C config) {
    this.config = config;
  }

  public C config() {
    return config;
  }

  @Override
  public int imageSize() {
    return config.imageSize();
  }

  @Override
  public int channels() {
    return config.channels();
  }

  @Override
  public int numClasses() {
    return config.numClasses();
  }
}
