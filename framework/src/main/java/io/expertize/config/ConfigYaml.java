package io.expertize.config;

import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Writes a config as flat YAML with a comment per key. Flat because nesting cannot hold both
 * {@code model: vit_quickstart} and {@code model.dim: 0}; the reader accepts either form.
 */
final class ConfigYaml {
  private ConfigYaml() {}

  static String write(ExpertizeConfig config) {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setSplitLines(false);
    options.setWidth(Integer.MAX_VALUE);
    Yaml yaml = new Yaml(options); // quotes only what needs it ('', '123', 'a: b')
    StringBuilder out = new StringBuilder()
        .append("# Expertize configuration, every key resolved. Reload with --config FILE or\n")
        .append("# --resume DIR; keys and valid values: docs/configuration.md\n");
    for (ConfigKey<?> key : Keys.ALL) {
      out.append('\n').append("# ").append(key.doc());
      if (!key.constraint().isAny()) {
        out.append("; valid: ").append(key.constraint().description());
      }
      out.append('\n').append(yaml.dump(Map.of(key.name(), config.rawValue(key))));
    }
    return out.toString();
  }
}
