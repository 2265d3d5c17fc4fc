package io.expertize.experiments.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The machine-readable form of a {@link BenchReport}: nested maps and lists, ready for Jackson. */
public final class ReportJson {
  private ReportJson() {}

  public static Map<String, Object> toMap(BenchReport r) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("model", r.model());
    root.put("parameters", r.parameters());
    root.put("tokens", r.flops().tokens());
    BenchSettings s = r.settings();
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("batch", s.batch());
    settings.put("warmup", s.warmup());
    settings.put("steps", s.steps());
    settings.put("forward_steps", s.forwardSteps());
    settings.put("matmul_sizes", s.matMulSizes());
    settings.put("chain", s.chain());
    s.threads().putJson(settings);
    root.put("settings", settings);
    Map<String, Object> machine = r.machine().toJson();
    root.put("machine", machine);

    List<Object> probes = new ArrayList<>();
    for (ProbeResult p : r.probes()) {
      Map<String, Object> m = timings(p.samples());
      m.put("size", p.size());
      m.put("chain", p.chain());
      m.put("gflops", p.gflops());
      probes.add(m);
    }
    root.put("matmul", probes);
    root.put("ceiling_gflops", r.ceiling().gflops());

    Map<String, Object> train = timings(r.train());
    train.put("images_per_sec", r.trainImagesPerSec());
    train.put("gflops", r.trainGflops());
    train.put("fraction_of_ceiling", r.trainFractionOfCeiling());
    train.put("fraction_of_ceiling_paired", r.trainFractionOfCeilingPaired());
    root.put("train", train);
    if (r.forward() != null) {
      Map<String, Object> fwd = timings(r.forward());
      fwd.put("images_per_sec", r.forwardImagesPerSec());
      fwd.put("gflops", r.forwardGflops());
      fwd.put("fraction_of_ceiling", r.forwardFractionOfCeiling());
      root.put("forward", fwd);
    }

    Map<String, Object> flops = new LinkedHashMap<>();
    flops.put("convention", "matrix products only, 2 FLOPs per multiply-add; training step = "
        + FlopCount.TRAINING_FACTOR + "x forward");
    flops.put("forward_per_image", r.flops().forwardPerImage());
    flops.put("training_step", r.flops().training(s.batch()));
    flops.put("forward_per_image_by_term", r.flops().perImageByTerm());
    root.put("flops", flops);

    if (r.profile() != null) {
      Map<String, Object> p = r.profile().toJson();
      p.put("matmul_ms", r.profile().matMulMillis());
      root.put("profile", p);
    }
    return root;
  }

  private static Map<String, Object> timings(Samples t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("median_s", t.median());
    m.put("min_s", t.min());
    m.put("max_s", t.max());
    m.put("samples_s", t.seconds());
    return m;
  }
}
