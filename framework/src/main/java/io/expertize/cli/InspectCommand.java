package io.expertize.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.expertize.export.SavedModelInspector;
import io.expertize.train.io.RunDirectoryInspector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code expertize inspect PATH}: a SavedModel, a run directory or a checkpoint, as text or JSON. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
    description = {
        "Describe PATH: a SavedModel (tags, signatures, variables, parameter count, op types, size),",
        "a model base path BASE/NAME (its versions, and the highest in detail),",
        "a run directory (summary, checkpoints, metrics, TensorBoard files) or one checkpoint."})
final class InspectCommand implements Callable<Integer> {
  @Parameters(paramLabel = "PATH", description = "SavedModel directory, run directory or checkpoint directory.")
  Path path;

  @Option(names = "--json", description = "Print JSON instead of text.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (!Files.isDirectory(path)) {
      throw new UsageException(path + " is not a directory; inspect takes a SavedModel, run or checkpoint directory");
    }
    Map<String, Object> report;
    if (SavedModelInspector.isSavedModel(path)) {
      report = savedModel(path);
    } else if (!SavedModelInspector.versions(path).isEmpty()) {
      // A model base path (BASE/NAME): TF Serving serves its highest version; describe that one.
      List<Path> versions = SavedModelInspector.versions(path);
      report = new LinkedHashMap<>();
      report.put("versions", versions.stream().map(p -> p.getFileName().toString()).toList());
      report.put("served_version", savedModel(versions.get(versions.size() - 1)));
    } else if (RunDirectoryInspector.isCheckpoint(path)) {
      report = RunDirectoryInspector.inspectCheckpoint(path);
    } else if (RunDirectoryInspector.isRunDirectory(path)) {
      report = RunDirectoryInspector.inspectRun(path);
    } else {
      throw new UsageException(path + " holds no saved_model.pb, numeric version directories, meta.json or "
          + "config.yaml: it is not a SavedModel, model base path, checkpoint or run directory");
    }
    if (json) {
      System.out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(report));
    } else {
      DumperOptions options = new DumperOptions();
      options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
      System.out.print(new Yaml(options).dump(report));
    }
    return 0;
  }

  /** A SavedModel that cannot be read is a bad input, like a damaged checkpoint: exit code 2 (docs/reliability.md). */
  private static Map<String, Object> savedModel(Path dir) {
    try {
      return SavedModelInspector.inspect(dir);
    } catch (IOException e) {
      throw new UsageException("cannot inspect the SavedModel " + dir + ": " + e.getMessage());
    }
  }
}
