/**
 * Runs as the CLI makes them, public so Java code can make the same ones: {@link io.expertize.run.RunLauncher}
 * starts and resumes training runs, {@link io.expertize.run.RunEvaluation} scores a run directory's checkpoint,
 * {@link io.expertize.run.RunExport} writes it as a dense SavedModel, each taking a request built with named
 * options. {@code io.expertize.Expertize} is the short way in; the commands of {@code io.expertize.cli} parse
 * options and call these. Dependencies point one way: cli -&gt; run -&gt; wiring, train, export.
 */
package io.expertize.run;
