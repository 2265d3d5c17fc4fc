package io.expertize.processor;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.Arrays;
import javax.annotation.processing.Processor;
import javax.tools.JavaFileObject;

/** Fixture sources (under src/test/resources/fixtures) compiled with the processor and the project's lint flags. */
final class Fixtures {
  private Fixtures() {}

  static JavaFileObject source(String path) {
    return JavaFileObjects.forResource("fixtures/" + path + ".java");
  }

  static JavaFileObject[] sources(String... paths) {
    return Arrays.stream(paths).map(Fixtures::source).toArray(JavaFileObject[]::new);
  }

  static Compilation compile(JavaFileObject... sources) {
    return compile(new ExpertizeProcessor(), sources);
  }

  static Compilation compile(Processor processor, JavaFileObject... sources) {
    return javac().withProcessors(processor).withOptions("-Xlint:all,-processing,-serial").compile(sources);
  }
}
