package io.expertize.cli;

import picocli.CommandLine.Command;

/** The top-level {@code expertize} command; every action is a subcommand. */
@Command(
    name = "expertize",
    mixinStandardHelpOptions = true,
    version = "expertize 0.1.0 (TensorFlow Java 1.1.0)",
    description = "Train Transformers with expert sets, ship them dense.",
    subcommands = {
        QuickstartCommand.class, TrainCommand.class, EvalCommand.class, ModelsCommand.class,
        InspectCommand.class, ExportCommand.class, BenchCommand.class, WorkerCommand.class, picocli.CommandLine.HelpCommand.class})
final class ExpertizeCommand {}
