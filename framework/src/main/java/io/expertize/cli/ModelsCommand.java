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

/** {@code expertize models}: every registered model with its dense parameter count at reference settings. */
@Command(name = "models", mixinStandardHelpOptions = true,
    description = "List the registered models and their parameter counts at the reference settings.")
final class ModelsCommand implements Callable<Integer> {
  @Option(names = "--json", description = "Print the list as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (ModelFactory f : ModelRegistry.discover().all().values()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("name", f.name());
      // Counted from declared shapes: no graph, no memory for the weights.
      row.put("params", ModuleTree.of(f.reference()).parameterCount());
      row.put("description", f.description());
      rows.add(row);
    }
    if (json) {
      System.out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(rows));
    } else {
      System.out.printf("%-32s %14s  %s%n", "model", "params", "description");
      for (Map<String, Object> r : rows) {
        System.out.printf("%-32s %,14d  %s%n", r.get("name"), r.get("params"), r.get("description"));
      }
    }
    return 0;
  }
}
