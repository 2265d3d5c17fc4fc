package io.expertize.cli;

import picocli.CommandLine.Command;

/** The top-level {@code expertize} command; every action is a subcommand. */
@Command(
    name = "expertize",
    mixinStandardHelpOptions = true,
    version = "expertize 0.1.0 (TensorFlow Java 1.1.0)",
    description = "Train Transformers with expert sets, ship them dense.",
    // read by the expertize script, which takes it off the command line before the JVM starts
    footer = {"", "Your own models and datasets: ./expertize --classpath PATH[:PATH...] COMMAND ... (or the environment "
        + "variable EXPERTIZE_CLASSPATH) appends jars or class directories to the class path of every command; their "
        + "ModelProvider and DatasetProvider services (META-INF/services) register what they hold."},
    subcommands = {
        QuickstartCommand.class, TrainCommand.class, EvalCommand.class, ModelsCommand.class,
        InspectCommand.class, ExportCommand.class, WorkerCommand.class, picocli.CommandLine.HelpCommand.class})
final class ExpertizeCommand {}
