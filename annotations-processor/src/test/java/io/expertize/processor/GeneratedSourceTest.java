package io.expertize.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The generated builder of the Tower fixture, word for word (src/test/resources/golden): stable
 * member order, constants first, @Generated. Positive fixtures compile without any warning, the
 * generated code included; {@code -Aexpertize.generate=false} validates without writing.
 */
class GeneratedSourceTest {
  private static final String[] TOWER = {"tower/Tower", "tower/BaseBlock", "tower/TowerBlock"};

  @Test
  void theTowerBuilderMatchesItsGoldenFile() {
    Compilation c = Fixtures.compile(Fixtures.sources(TOWER));
    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedSourceFile("fixtures.tower.Expertize_Tower").contentsAsUtf8String()
        .isEqualTo(golden("Expertize_Tower.java"));
  }

  @Test
  void validationOnlyWritesNothing() {
    Compilation c = com.google.testing.compile.Compiler.javac().withProcessors(new ExpertizeProcessor())
        .withOptions("-Aexpertize.generate=false").compile(Fixtures.sources(TOWER));
    assertThat(c).succeededWithoutWarnings();
    org.assertj.core.api.Assertions.assertThat(c.generatedSourceFiles()).isEmpty();
  }

  /**
   * A model whose config's builder another processor writes (Immutables, as the zoo's configs could
   * use): the config's nested builder extends a class that exists only from the second round, and
   * this processor must not look into it before, or javac keeps the missing supertype as an error.
   */
  @Test
  void aModelBesideATypeAnotherProcessorCompletesBuildsWithBoth() {
    Compilation c = com.google.testing.compile.Compiler.javac()
        .withProcessors(new ExpertizeProcessor(), new org.immutables.processor.ProxyProcessor())
        .compile(Fixtures.sources("generated/NeckConfig", "generated/ConfiguredNeck"));
    assertThat(c).succeeded();
    assertThat(c).generatedSourceFile("fixtures.generated.ImmutableNeckConfig");
    assertThat(c).generatedSourceFile("fixtures.generated.Expertize_ConfiguredNeck");
  }

  private static String golden(String name) {
    try (InputStream in = GeneratedSourceTest.class.getResourceAsStream("/golden/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
