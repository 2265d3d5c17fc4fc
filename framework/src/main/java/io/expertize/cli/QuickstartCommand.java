package io.expertize.cli;

import io.expertize.train.TrainingSummary;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code expertize quickstart}: the dense ViT on Fashion-MNIST with the tuned recipe, in minutes. */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
    description = {
        "Train the quickstart ViT (vit_quickstart) on Fashion-MNIST with the built-in recipe,",
        "then print the run directory and the test accuracy. Accepts train's --out, --data and --set."})
final class QuickstartCommand implements Callable<Integer> {
  @Mixin RunOptions options;

  @Override
  public Integer call() {
    if (options.out == null) {
      options.out = RunLauncher.timestampedRunDir("quickstart");
    }
    TrainingSummary s = RunLauncher.start(options);
    System.out.printf("%nquickstart finished: test top-1 %.2f%% after %d steps (%.0f %s/s)%n",
        100 * s.evalTop1(), s.steps(), s.examplesPerSec(), s.exampleUnit());
    System.out.println("run directory: " + options.out.toAbsolutePath());
    System.out.println("TensorBoard:   tensorboard --logdir " + options.out.toAbsolutePath().resolve("tensorboard"));
    return 0;
  }
}
