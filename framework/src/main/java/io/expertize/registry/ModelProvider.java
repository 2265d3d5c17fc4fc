package io.expertize.registry;

import java.util.List;

/**
 * Service-provider interface through which model families (the zoo, a user's jar) contribute named
 * configs. Listed in {@code META-INF/services/io.expertize.registry.ModelProvider}.
 */
public interface ModelProvider {
  List<ModelFactory> models();
}
