package io.expertize.cli;

import static io.expertize.cli.CliEndToEndTest.cli;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.expertize.cli.CliEndToEndTest.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15's text acceptance through the CLI: T5 pretrains by span corruption on a user's files, JSON Lines
 * with train and held-out files, or one plain-text file of paragraphs split by the run; a line without the
 * text field stops the run, naming the file and line, before anything is written.
 */
class TextFilesEndToEndTest {
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  private static final List<String> TINY = List.of("--set", "model.dim=32", "--set", "model.depth=1",
      "--set", "model.heads=2", "--set", "model.mlp-ratio=2", "--set", "data.inputs-length=32",
      "--set", "train.steps=3", "--set", "train.batch-size=8", "--set", "train.log-every=1",
      "--set", "eval.batch-size=16", "--set", "data=text-files");

  @TempDir Path tmp;

  private static Outcome train(Path data, Path out, String... more) {
    List<String> args = new ArrayList<>(List.of("train", "--config",
        REPO.resolve("configs/t5_tiny_fortunes.yaml").toString(), "--data", data.toString()));
    args.addAll(TINY);
    args.addAll(List.of(more));
    args.addAll(List.of("--out", out.toString()));
    return cli(args.toArray(String[]::new));
  }

  @Test
  void jsonLinesTrainAndHeldOutFilesPretrainT5() throws IOException {
    Path data = Files.createDirectories(tmp.resolve("corpus"));
    Files.writeString(data.resolve("train.jsonl"), IntStream.range(0, 60)
        .mapToObj(i -> "{\"id\": " + i + ", \"body\": \"The quick brown fox number " + i + " jumps over the lazy dog.\"}")
        .collect(Collectors.joining("\n")));
    Files.writeString(data.resolve("test.jsonl"), IntStream.range(0, 20)
        .mapToObj(i -> "{\"body\": \"A held-out sentence, number " + i + ", about a sleepy cat.\"}")
        .collect(Collectors.joining("\n")));
    Path run = tmp.resolve("run");
    Outcome o = train(data, run, "--set", "data.text-field=body");
    assertThat(o.code()).as(o.err()).isZero();
    JsonNode summary = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
    assertThat(summary.get("steps").asLong()).isEqualTo(3);
    assertThat(summary.get("example_unit").asText()).isEqualTo("sequences");
    assertThat(summary.get("eval_top1").asDouble()).isBetween(0.0, 1.0);
    assertThat(Files.readString(run.resolve("config.yaml"))).contains("data: text-files", "data.text-field: body");
  }

  @Test
  void oneFileOfParagraphsIsSplitByTheRun() throws IOException {
    Path file = Files.writeString(tmp.resolve("notes.txt"), IntStream.range(0, 80)
        .mapToObj(i -> "Paragraph " + i + " has a line\nand another line of plain text.")
        .collect(Collectors.joining("\n\n")));
    Path run = tmp.resolve("paragraphs");
    Outcome o = train(file, run, "--set", "data.separator=blank-line");
    assertThat(o.code()).as(o.err()).isZero();
    assertThat(run.resolve("summary.json")).isRegularFile();
  }

  @Test
  void aLineWithoutTheTextFieldStopsTheRunBeforeItsDirectoryExists() throws IOException {
    Path data = Files.createDirectories(tmp.resolve("bad"));
    Path train = Files.writeString(data.resolve("train.jsonl"), "{\"text\": \"fine\"}\n{\"content\": \"not here\"}\n");
    Path run = tmp.resolve("never");
    Outcome o = train(data, run);
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).contains(train + ":2: no field 'text'; the object has [content]");
    assertThat(run).doesNotExist();
  }
}
