package io.expertize.experiments.study;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One run of a study: an arm, one value of every axis and a seed. Its {@link #id} names its run
 * directory under {@code cells/} and its entry in the study's state; {@link #sets} are the
 * {@code --set} overrides that make it, in the order base, scheme, arm, axes, seed.
 *
 * @param config the base configuration file (absolute), or null for the defaults
 */
public record Cell(String arm, Map<String, String> axes, long seed, Path config, List<String> sets) {
  public Cell {
    axes = Collections.unmodifiableMap(new LinkedHashMap<>(axes));
    sets = List.copyOf(sets);
  }

  /** {@code mb/optim.lr=0.001,data.train-subset=5000/seed-2}: arm, axis values (if any), seed. */
  public String id() {
    List<String> parts = new ArrayList<>();
    parts.add(arm);
    if (!axes.isEmpty()) {
      parts.add(axes.entrySet().stream().map(e -> e.getKey() + "=" + pathSafe(e.getValue()))
          .collect(Collectors.joining(",")));
    }
    parts.add("seed-" + seed);
    return String.join("/", parts);
  }

  /** The arm and axis values without the seed: the group whose seeds a report pools. */
  public String group() {
    return id().substring(0, id().lastIndexOf('/'));
  }

  private static String pathSafe(String value) {
    return value.replaceAll("[^A-Za-z0-9._+-]", "_");
  }
}
