package io.expertize.experiments.bench;

import io.expertize.export.SavedModelInspector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Whether two SavedModels are one graph with other weights, as {@link SavedModelInspector} describes
 * them: the same parameter count, variable names and shapes, op-type histogram and signatures. Only
 * then does a speed difference between them come from the weights' values, which it should not.
 *
 * @param differences what differs, one line per aspect; empty when the graphs are the same
 */
public record GraphComparison(
    long parametersA, long parametersB, int variables, int opTypes, long ops, long sizeBytesA, long sizeBytesB,
    List<String> differences) {

  public GraphComparison {
    differences = List.copyOf(differences);
  }

  public static GraphComparison of(Path a, Path b) {
    try {
      return of(SavedModelInspector.inspect(a), SavedModelInspector.inspect(b));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot inspect " + a + " and " + b, e);
    }
  }

  /** From two {@link SavedModelInspector#inspect} descriptions (counts are A's). */
  static GraphComparison of(Map<String, Object> a, Map<String, Object> b) {
    List<String> differences = new ArrayList<>();
    long pa = (long) a.get("parameters");
    long pb = (long) b.get("parameters");
    if (pa != pb) {
      differences.add(String.format("parameters: %,d vs %,d", pa, pb));
    }
    Map<String, String> va = cast(a.get("variables"));
    Map<String, String> vb = cast(b.get("variables"));
    if (!va.equals(vb)) {
      differences.add("variables: " + mapDifference(va, vb));
    }
    Map<String, Integer> oa = cast(a.get("op_types"));
    Map<String, Integer> ob = cast(b.get("op_types"));
    if (!oa.equals(ob)) {
      differences.add("op types: " + mapDifference(oa, ob));
    }
    if (!a.get("signatures").equals(b.get("signatures"))) {
      differences.add("signatures: " + a.get("signatures") + " vs " + b.get("signatures"));
    }
    long ops = oa.values().stream().mapToLong(Integer::longValue).sum();
    return new GraphComparison(pa, pb, va.size(), oa.size(), ops, (long) a.get("size_bytes"), (long) b.get("size_bytes"),
        differences);
  }

  public boolean same() {
    return differences.isEmpty();
  }

  /** The keys whose values differ, as {@code key a -> b} ({@code (none)} where absent), at most 8 of them. */
  private static String mapDifference(Map<String, ?> a, Map<String, ?> b) {
    TreeSet<String> keys = new TreeSet<>(a.keySet());
    keys.addAll(b.keySet());
    List<String> out = new ArrayList<>();
    for (String k : keys) {
      Object x = a.containsKey(k) ? a.get(k) : "(none)";
      Object y = b.containsKey(k) ? b.get(k) : "(none)";
      if (!x.equals(y)) {
        out.add(k + " " + x + " -> " + y);
      }
    }
    return (out.size() > 8 ? String.join(", ", out.subList(0, 8)) + ", ... (" + out.size() + " in all)"
        : String.join(", ", out));
  }

  @SuppressWarnings("unchecked")
  private static <V> Map<String, V> cast(Object map) {
    return (Map<String, V>) map;
  }
}
