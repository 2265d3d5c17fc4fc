package io.expertize.experiments.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.proto.DeviceStepStats;
import org.tensorflow.proto.NodeExecStats;
import org.tensorflow.proto.StepStats;

/**
 * Where one traced step spent its op time, by op type as executed (after Grappler and oneDNN
 * rewrites, so {@code _MklMatMul} or {@code _FusedMatMul} rather than {@code MatMul}). Op times
 * overlap when ops run in parallel, so shares are of the summed op time, not of the wall time.
 */
public record OpProfile(List<Entry> byType, double totalOpMillis, double wallMillis) {

  /** One op type: summed time, number of executions. */
  public record Entry(String type, double millis, int count) {}

  public static OpProfile of(StepStats stats) {
    Map<String, double[]> acc = new HashMap<>();
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (DeviceStepStats device : stats.getDevStatsList()) {
      for (NodeExecStats node : device.getNodeStatsList()) {
        double micros = node.getOpEndRelMicros() - node.getOpStartRelMicros();
        double[] a = acc.computeIfAbsent(opType(node), k -> new double[2]);
        a[0] += micros;
        a[1]++;
        first = Math.min(first, node.getAllStartMicros());
        last = Math.max(last, node.getAllStartMicros() + node.getAllEndRelMicros());
      }
    }
    List<Entry> entries = new ArrayList<>();
    double total = 0;
    for (Map.Entry<String, double[]> e : acc.entrySet()) {
      entries.add(new Entry(e.getKey(), e.getValue()[0] / 1000, (int) e.getValue()[1]));
      total += e.getValue()[0] / 1000;
    }
    entries.sort(Comparator.comparingDouble(Entry::millis).reversed());
    double wall = first == Long.MAX_VALUE ? 0 : (last - first) / 1000.0;
    return new OpProfile(List.copyOf(entries), total, wall);
  }

  /**
   * Several traced steps of one graph combined: per op type the median of its summed time over the
   * steps (a type missing from a step counts 0 there), the largest count, and the median totals.
   */
  public static OpProfile median(List<OpProfile> steps) {
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("no traced steps");
    }
    Map<String, double[]> millis = new HashMap<>();
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < steps.size(); i++) {
      for (Entry e : steps.get(i).byType()) {
        millis.computeIfAbsent(e.type(), k -> new double[steps.size()])[i] = e.millis();
        counts.merge(e.type(), e.count(), Math::max);
      }
    }
    List<Entry> entries = new ArrayList<>();
    for (Map.Entry<String, double[]> e : millis.entrySet()) {
      entries.add(new Entry(e.getKey(), new Samples(e.getValue()).median(), counts.get(e.getKey())));
    }
    entries.sort(Comparator.comparingDouble(Entry::millis).reversed());
    double total = new Samples(steps.stream().mapToDouble(OpProfile::totalOpMillis).toArray()).median();
    double wall = new Samples(steps.stream().mapToDouble(OpProfile::wallMillis).toArray()).median();
    return new OpProfile(List.copyOf(entries), total, wall);
  }

  /** This type's summed time, 0 when it did not run. */
  public double millisOf(String type) {
    return byType.stream().filter(e -> e.type().equals(type)).mapToDouble(Entry::millis).sum();
  }

  /** How often this type ran, 0 when it did not. */
  public int countOf(String type) {
    return byType.stream().filter(e -> e.type().equals(type)).mapToInt(Entry::count).sum();
  }

  /** Summed time of the matrix-product ops (MatMul, BatchMatMul and their oneDNN / fused forms). */
  public double matMulMillis() {
    return byType.stream().filter(e -> isMatMul(e.type())).mapToDouble(Entry::millis).sum();
  }

  static boolean isMatMul(String type) {
    return type.contains("MatMul") || type.contains("Einsum") || type.contains("Conv2D");
  }

  /** The timeline label reads {@code name = Type(inputs)}; fall back to the node name. */
  static String opType(NodeExecStats node) {
    String label = node.getTimelineLabel();
    int eq = label.indexOf(" = ");
    if (eq >= 0) {
      int paren = label.indexOf('(', eq);
      return label.substring(eq + 3, paren > 0 ? paren : label.length()).trim();
    }
    return node.getNodeName();
  }

  /** {@code op_ms}, {@code wall_ms} and {@code by_type} (type, ms, count), as the bench reports print it. */
  public Map<String, Object> toJson() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("op_ms", totalOpMillis);
    p.put("wall_ms", wallMillis);
    p.put("by_type", byType.stream().map(e -> {
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("type", e.type());
      t.put("ms", e.millis());
      t.put("count", e.count());
      return t;
    }).toList());
    return p;
  }
}
