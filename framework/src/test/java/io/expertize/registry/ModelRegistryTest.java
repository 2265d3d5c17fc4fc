package io.expertize.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.expertize.testing.TinyVitModels;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A model's source is its provider's jar or class directory; an unknown name says what is there and how to add one. */
class ModelRegistryTest {
  private final ModelRegistry registry = ModelRegistry.discover();

  @Test
  void aModelComesFromItsProvidersClassDirectory() throws URISyntaxException {
    Path testClasses = Path.of(TinyVitModels.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    assertThat(registry.source("tiny_vit")).contains(testClasses);
    assertThat(registry.namesInProviderOrder()).contains("tiny_vit");
  }

  @Test
  void anUnknownModelNamesTheRegisteredOnesTheClosestAndHowToAddOne() {
    assertThatThrownBy(() -> registry.get("tiny_vt"))
        .isInstanceOf(UnknownModelException.class)
        .hasMessageContaining("unknown model 'tiny_vt'; did you mean 'tiny_vit'?")
        .hasMessageContaining("(tiny_vit")
        .hasMessageContaining("put its jar on the class path with ./expertize --classpath JAR (or EXPERTIZE_CLASSPATH)"
            + " and register its ModelProvider in META-INF/services/io.expertize.registry.ModelProvider");
  }
}
