package io.expertize.experiments.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The machine-readable form of an {@link ExpertBenchReport}: nested maps and lists, ready for Jackson. */
public final class ExpertReportJson {
  private ExpertReportJson() {}

  public static Map<String, Object> toMap(ExpertBenchReport r) {
    Map<String, Object> root = new LinkedHashMap<>();
    var q = r.model().request();
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("name", r.model().name());
    var in = q.requireImages(r.model().name());
    model.put("image_size", in.size());
    model.put("channels", in.channels());
    model.put("classes", in.numClasses());
    // 0: the model's own, as the reports have always said it
    model.put("patch", q.patchSize().orElse(0));
    model.put("dim", q.dim().orElse(0));
    model.put("depth", q.depth().orElse(0));
    model.put("heads", q.heads().orElse(0));
    model.put("tokens", r.tokens());
    model.put("deployed_parameters", r.deployedParameters());
    root.put("model", model);
    ExpertBenchSettings s = r.settings();
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("batch", s.batch());
    settings.put("configs", s.configs().stream().map(ExpertConfig::label).toList());
    settings.put("warmup_rounds", s.warmup());
    settings.put("rounds", s.rounds());
    settings.put("timing", s.timing());
    settings.put("memory", s.memory());
    settings.put("memory_warmup", s.memoryWarmup());
    settings.put("memory_steps", s.memorySteps());
    settings.put("memory_repeats", s.memoryRepeats());
    settings.put("profile_steps", s.profileSteps());
    s.threads().putJson(settings);
    settings.put("seed", s.seed());
    root.put("settings", settings);
    Map<String, Object> machine = r.machine().toJson();
    machine.put("wall_s", r.wallSeconds());
    root.put("machine", machine);

    List<Object> configs = new ArrayList<>();
    for (ExpertBenchReport.Result x : r.results()) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("config", x.config().label());
      c.put("scheme", x.config().scheme().key());
      c.put("experts", x.config().experts());
      c.put("trained_parameters", x.trainingParameters());
      c.put("extra_parameters", r.extraParameters(x));
      if (x.steps() != null) {
        c.put("step_s", quartiles(x.steps()));
      }
      if (x.ratios() != null) {
        c.put("ratio_to_dense", quartiles(x.ratios()));
      }
      if (x.cpuSteps() != null) {
        c.put("cpu_s", quartiles(x.cpuSteps()));
      }
      if (x.cpuRatios() != null) {
        c.put("cpu_ratio_to_dense", quartiles(x.cpuRatios()));
      }
      if (x.memory() != null) {
        MemoryRuns m = x.memory();
        Map<String, Object> mem = new LinkedHashMap<>();
        mem.put("variable_bytes", m.variableBytes());
        mem.put("tensor_peak_bytes", m.tensorPeakBytes());
        mem.put("tensor_peak_runs_bytes", m.runs().stream().map(StepMemory::tensorPeakBytes).toList());
        mem.put("tensor_peak_minus_dense_bytes", r.extraTensorPeakBytes(x));
        mem.put("expected_extra_bytes", r.expectedExtraBytes(x));
        mem.put("process_baseline_bytes", m.processBaselineBytes());
        mem.put("process_peak_bytes", m.processPeakBytes());
        mem.put("process_peak_runs_bytes", m.runs().stream().map(StepMemory::processPeakBytes).toList());
        c.put("memory", mem);
      }
      if (x.profile() != null) {
        c.put("profile", x.profile().toJson());
      }
      configs.add(c);
    }
    root.put("configs", configs);
    return root;
  }

  static Map<String, Object> quartiles(Samples t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("median", t.median());
    m.put("q1", t.quantile(0.25));
    m.put("q3", t.quantile(0.75));
    m.put("min", t.min());
    m.put("max", t.max());
    m.put("samples", t.seconds());
    return m;
  }
}
