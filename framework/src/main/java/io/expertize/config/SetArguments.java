package io.expertize.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.configuration2.BaseConfiguration;

/** Parses {@code --set key=value} arguments into the top layer; later arguments win. */
final class SetArguments {
  private SetArguments() {}

  /** Parses {@code args} (each the text after {@code --set}); problems go to {@code problems}. */
  static ConfigLayer parse(List<String> args, List<String> problems) {
    BaseConfiguration values = ConfigLayer.newFlatConfiguration();
    Map<String, String> origins = new HashMap<>();
    for (String arg : args) {
      String origin = "--set '" + arg + "'";
      int eq = arg.indexOf('=');
      String key = eq < 0 ? "" : arg.substring(0, eq).trim();
      if (key.isEmpty()) {
        problems.add("malformed " + origin + ": expected key=value, e.g. --set optim.lr=5e-4");
      } else if (Keys.byName(key).isEmpty()) {
        problems.add(Messages.unknownKey(key, origin));
      } else {
        // setProperty replaces: a later --set of the same key wins.
        values.setProperty(key, arg.substring(eq + 1));
        origins.put(key, origin);
      }
    }
    return new ConfigLayer(values, origins);
  }
}
