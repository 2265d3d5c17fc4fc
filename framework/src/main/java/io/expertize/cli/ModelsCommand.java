package io.expertize.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.expertize.graph.ModuleTree;
import io.expertize.registry.ModelFactory;
import io.expertize.registry.ModelRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code expertize models}: every registered model with its dense parameter count at reference settings, grouped
 * by where it comes from (the zoo's jar, a user's {@code --classpath} jar or class directory).
 */
@Command(name = "models", mixinStandardHelpOptions = true,
    description = {"List the registered models and their parameter counts at the reference settings, by the jar or "
        + "class directory each comes from.", "Your own: ./expertize --classpath JAR models"})
final class ModelsCommand implements Callable<Integer> {
  @Option(names = "--json", description = "Print the list as JSON (a \"source\" field names each model's jar or directory).")
  boolean json;

  @Override
  public Integer call() throws Exception {
    ModelRegistry registry = ModelRegistry.discover();
    Map<String, List<Map<String, Object>>> bySource = new LinkedHashMap<>(); // class path order
    for (String name : registry.namesInProviderOrder()) {
      ModelFactory f = registry.get(name);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("name", f.name());
      // Counted from declared shapes: no graph, no memory for the weights.
      row.put("params", ModuleTree.of(f.reference()).parameterCount());
      row.put("description", f.description());
      String source = registry.source(name).map(p -> p.toAbsolutePath().toString()).orElse("(unknown)");
      row.put("source", source);
      bySource.computeIfAbsent(source, s -> new ArrayList<>()).add(row);
    }
    bySource.values().forEach(rows -> rows.sort((a, b) -> ((String) a.get("name")).compareTo((String) b.get("name"))));
    if (json) {
      List<Map<String, Object>> all = bySource.values().stream().flatMap(List::stream).toList();
      System.out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(all));
      return 0;
    }
    System.out.printf("%-32s %14s  %s%n", "model", "params", "description");
    bySource.forEach((source, rows) -> {
      System.out.println("from " + source + ":");
      for (Map<String, Object> r : rows) {
        System.out.printf("%-32s %,14d  %s%n", r.get("name"), r.get("params"), r.get("description"));
      }
    });
    return 0;
  }
}
