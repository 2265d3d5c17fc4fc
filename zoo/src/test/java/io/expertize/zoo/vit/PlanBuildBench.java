package io.expertize.zoo.vit;

import io.expertize.annotations.Scheme;
import io.expertize.experts.ExpertPlan;
import io.expertize.experts.FusionOverrides;
import io.expertize.experts.ReflectiveExpertBuilder;
import io.expertize.graph.ModuleTree;
import io.expertize.train.AdamW;
import io.expertize.train.TrainingGraph;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Supplier;

/**
 * Graph-build time with the generated builder vs the reflective one, in this JVM, medians of
 * alternating repeats: the expert plan of ViT-S/16 (12 blocks, mb, 4 experts) alone, the module
 * walk both share, and the whole training graph of a tiny ViT built from each plan (wall and CPU
 * time of this thread, which builds the graph).
 *
 * <p>Arguments: {@code planRepeats graphRepeats}; run by annotations-processor/bench/build-time.sh.
 */
public final class PlanBuildBench {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private PlanBuildBench() {}

  public static void main(String[] args) {
    int planRepeats = Integer.parseInt(args[0]);
    int graphRepeats = Integer.parseInt(args[1]);
    FusionOverrides mb4 = FusionOverrides.of(Scheme.MEMORY_BANK, 4);
    VisionTransformer small = new VisionTransformer(VitConfig.imagenet(384, 12, 6));
    ModuleTree tree = ModuleTree.of(small);
    Expertize_VisionTransformer generated = new Expertize_VisionTransformer();

    List<Double> walk = new ArrayList<>();
    List<Double> gen = new ArrayList<>();
    List<Double> refl = new ArrayList<>();
    for (int r = 0; r < planRepeats + planRepeats / 5; r++) { // the first fifth warms up
      boolean kept = r >= planRepeats / 5;
      record(kept ? walk : null, () -> ModuleTree.of(small));
      record(kept ? gen : null, () -> generated.build(tree, mb4));
      record(kept ? refl : null, () -> ReflectiveExpertBuilder.build(tree, mb4));
    }
    System.out.printf("ViT-S/16 plan, %d repeats: module walk (ModuleTree.of) %.3f ms, plan generated %.3f ms, "
        + "plan reflective %.3f ms (median)%n", planRepeats, median(walk), median(gen), median(refl));

    VisionTransformer tiny = new VisionTransformer(VitConfig.builder().imageSize(16).patchSize(8).channels(1)
        .numClasses(3).dim(16).depth(2).heads(2).mlpRatio(2.0).dropPath(0.1).build());
    TrainingGraph.StepSettings step = new TrainingGraph.StepSettings(new AdamW(0.9, 0.999, 1e-8, 0.05), OptionalDouble.of(1.0));
    List<Double> graphGen = new ArrayList<>();
    List<Double> graphRefl = new ArrayList<>();
    List<Double> cpuGen = new ArrayList<>();
    List<Double> cpuRefl = new ArrayList<>();
    for (int r = 0; r < graphRepeats + 1; r++) { // the first of each loads TensorFlow and is dropped
      boolean kept = r >= 1;
      long cpu = THREADS.getCurrentThreadCpuTime();
      record(kept ? graphGen : null, () -> closed(TrainingGraph.build(tiny, generated.build(ModuleTree.of(tiny), mb4), 1, step)));
      long between = THREADS.getCurrentThreadCpuTime();
      record(kept ? graphRefl : null,
          () -> closed(TrainingGraph.build(tiny, ReflectiveExpertBuilder.build(ModuleTree.of(tiny), mb4), 1, step)));
      if (kept) {
        cpuGen.add((between - cpu) / 1e6);
        cpuRefl.add((THREADS.getCurrentThreadCpuTime() - between) / 1e6);
      }
    }
    System.out.printf("tiny ViT training graph (2 blocks, mb, 4 experts), %d repeats: generated %.0f ms wall, "
        + "%.0f ms cpu; reflective %.0f ms wall, %.0f ms cpu (median)%n", graphRepeats, median(graphGen),
        median(cpuGen), median(graphRefl), median(cpuRefl));
  }

  private static Object closed(TrainingGraph g) {
    g.close();
    return g;
  }

  private static void record(List<Double> into, Supplier<?> work) {
    long start = System.nanoTime();
    Object result = work.get();
    double ms = (System.nanoTime() - start) / 1e6;
    if (into != null && result != null) {
      into.add(ms);
    }
  }

  private static double median(List<Double> values) {
    List<Double> s = values.stream().sorted().toList();
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2.0;
  }
}
