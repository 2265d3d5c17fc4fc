package com.example.rows;

import io.expertize.registry.ModelFactory;
import io.expertize.registry.ModelProvider;
import java.util.List;

/**
 * Registers this project's models with Expertize: listed in
 * {@code META-INF/services/io.expertize.registry.ModelProvider}, found once the jar (or {@code target/classes}) is
 * on the class path ({@code ./expertize --classpath target/row-transformer-1.0.0.jar ...}).
 */
public final class RowTransformerModels implements ModelProvider {
  @Override
  public List<ModelFactory> models() {
    return List.of(new RowTransformerFactory());
  }
}
