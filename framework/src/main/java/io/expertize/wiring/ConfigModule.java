package io.expertize.wiring;

import com.google.inject.AbstractModule;
import io.expertize.config.ExpertizeConfig;

/** Binds the resolved configuration of this run. */
public final class ConfigModule extends AbstractModule {
  private final ExpertizeConfig config;

  public ConfigModule(ExpertizeConfig config) {
    this.config = config;
  }

  @Override
  protected void configure() {
    bind(ExpertizeConfig.class).toInstance(config);
  }
}
