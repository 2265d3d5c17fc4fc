package io.expertize.experiments.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The machine-readable form of a {@link ServingBenchReport}: nested maps and lists, ready for Jackson. */
public final class ServingReportJson {
  private ServingReportJson() {}

  public static Map<String, Object> toMap(ServingBenchReport r) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("signature", ServedModel.SIGNATURE);
    root.put("input", r.input().toJson());
    Map<String, Object> models = new LinkedHashMap<>();
    models.put("a", model(r.a()));
    models.put("b", model(r.b()));
    root.put("models", models);

    GraphComparison g = r.graphs();
    Map<String, Object> graphs = new LinkedHashMap<>();
    graphs.put("same", g.same());
    graphs.put("parameters_a", g.parametersA());
    graphs.put("parameters_b", g.parametersB());
    graphs.put("variables", g.variables());
    graphs.put("op_types", g.opTypes());
    graphs.put("ops", g.ops());
    graphs.put("size_bytes_a", g.sizeBytesA());
    graphs.put("size_bytes_b", g.sizeBytesB());
    graphs.put("differences", g.differences());
    root.put("graphs", graphs);

    ServingBenchSettings s = r.settings();
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("batches", s.batches());
    settings.put("warmup_rounds", s.warmup());
    settings.put("rounds", s.rounds());
    settings.put("sample_ms", s.sampleMillis());
    s.threads().putJson(settings);
    root.put("settings", settings);
    Map<String, Object> machine = r.machine().toJson();
    machine.put("wall_s", r.wallSeconds());
    root.put("machine", machine);

    List<Object> batches = new ArrayList<>();
    for (ServingBenchReport.BatchResult x : r.batches()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("batch", x.batch());
      m.put("calls_per_sample", x.calls());
      m.put("a", timings(x, x.a(), r.input().unit()));
      m.put("b", timings(x, x.b(), r.input().unit()));
      m.put("ratio_b_over_a_wall", ratio(x.wallRatios()));
      m.put("ratio_b_over_a_cpu", ratio(x.cpuRatios()));
      m.put("ratio_b_over_a_cpu_totals", x.cpuRatioOfTotals());
      batches.add(m);
    }
    root.put("batches", batches);
    return root;
  }

  private static Map<String, Object> ratio(Samples ratios) {
    Map<String, Object> out = ExpertReportJson.quartiles(ratios);
    out.put("median_ci95", ratios.medianInterval95());
    return out;
  }

  private static Map<String, Object> model(ServingBenchReport.Model m) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("label", m.label());
    out.put("path", m.path());
    return out;
  }

  /** @param unit what the model is fed, plural: {@code images_per_sec}, {@code texts_per_sec} */
  private static Map<String, Object> timings(ServingBenchReport.BatchResult x, ServingBenchReport.Timings t, String unit) {
    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, Object> latency = ExpertReportJson.quartiles(t.latencies());
    latency.remove("samples"); // every call: too many to list
    latency.put("calls", t.latencies().count());
    out.put("latency_s", latency);
    out.put(unit + "_per_sec", x.examplesPerSecond(t));
    out.put("cpu_ms_per_call", x.cpuMillisPerCall(t));
    out.put("sample_wall_s", ExpertReportJson.quartiles(t.sampleWall()));
    out.put("sample_cpu_s", ExpertReportJson.quartiles(t.sampleCpu()));
    return out;
  }
}
