package io.expertize.run;

import io.expertize.train.StopRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) and SIGTERM while training: the first asks the trainer to stop after the step in
 * progress and write a checkpoint there (the run then exits 130 or 143, saying how to resume); a
 * second exits at once, leaving the checkpoints as they are (each is written atomically). The JVM's
 * own handlers are restored on {@link #close()}.
 */
final class InterruptHandler implements AutoCloseable {
  private static final String[] SIGNALS = {"INT", "TERM"};

  private final StopRequest stop = StopRequest.create();
  private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();

  private InterruptHandler() {}

  static InterruptHandler install() {
    InterruptHandler handler = new InterruptHandler();
    for (String name : SIGNALS) {
      Signal signal = new Signal(name);
      handler.previous.put(signal, Signal.handle(signal, handler::handle));
    }
    return handler;
  }

  /** What the trainer polls. */
  StopRequest stopRequest() {
    return stop;
  }

  private void handle(Signal signal) {
    String name = "SIG" + signal.getName();
    if (stop.reason().isPresent()) {
      System.err.println("expertize: " + name + " again: exiting now; the checkpoints written so far are intact");
      Runtime.getRuntime().halt(128 + signal.getNumber());
    }
    stop.request(name);
    System.err.println("expertize: " + name + ": stopping after the current step and writing a checkpoint there"
        + " (send it again to exit at once)");
  }

  @Override
  public void close() {
    previous.forEach(Signal::handle);
  }
}
