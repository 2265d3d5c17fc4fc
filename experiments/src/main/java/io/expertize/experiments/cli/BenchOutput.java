package io.expertize.experiments.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/** How a bench command reports: a table or JSON on stdout, progress lines on stderr unless quiet. */
final class BenchOutput {
  @Option(names = "--json", description = "Print the report as JSON (progress still goes to stderr).")
  boolean json;

  @Option(names = "--quiet", description = "No progress lines on stderr.")
  boolean quiet;

  /** Progress lines, prefixed with the command ({@code bench experts: ...}). */
  Consumer<String> progress(String command) {
    return line -> {
      if (!quiet) {
        System.err.println(command + ": " + line);
      }
    };
  }

  void print(Map<String, Object> json, String table) throws JsonProcessingException {
    System.out.print(this.json ? new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n" : table);
  }
}
