package io.expertize.cli;

import static io.expertize.cli.CliEndToEndTest.cli;
import static org.assertj.core.api.Assertions.assertThat;

import io.expertize.cli.CliEndToEndTest.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The small items of issue 14: each bad input named with its reason, exit codes as docs/reliability.md says. */
class CliInputChecksTest {
  @TempDir Path tmp;

  @Test
  void exportHelpExitsZeroLikeEveryOtherHelp() {
    for (String command : new String[] {"export", "train", "eval", "inspect"}) {
      Outcome o = cli(command, "--help");
      assertThat(o.code()).as(command + ": " + o.err()).isZero();
      assertThat(o.out()).contains("Usage: expertize " + command);
    }
  }

  @Test
  void anOutputDirectoryThatCannotBeCreatedSaysWhy() {
    Outcome o = cli(TinyRuns.train(Path.of("/proc/x"), 2).toArray(String[]::new));
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).contains("cannot create").contains("/proc/x: ").doesNotEndWith("/proc/x: /proc/x\n");
    assertThat(o.err()).containsAnyOf("no such file or directory", "permission denied", "ermission", "not permitted");
  }

  @Test
  void aRegularFileGivenToResumeIsCalledAFile() throws Exception {
    Path file = Files.writeString(tmp.resolve("notes.txt"), "x");
    Outcome o = cli("train", "--resume", file.toString());
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).contains(file + " is a file, not a run directory");
  }

  @Test
  void aDirectoryGivenToConfigIsCalledADirectory() {
    Outcome o = cli("train", "--config", tmp.toString(), "--out", tmp.resolve("never").toString());
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).contains(tmp + " is a directory; --config takes a file");
  }

  @Test
  void outOrForceBesideResumeIsRefusedNotIgnored() {
    Outcome o = cli("train", "--resume", tmp.toString(), "--out", tmp.resolve("elsewhere").toString());
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).contains("--out " + tmp.resolve("elsewhere") + " cannot be combined with it");
    assertThat(tmp.resolve("elsewhere")).doesNotExist();
  }

  @Test
  void aYamlFileSettingAKeyTwiceIsRefusedNamingFileAndKey() throws Exception {
    Path config = Files.writeString(tmp.resolve("twice.yaml"), "train.steps: 2\ntrain.steps: 3\n");
    Outcome o = cli("train", "--config", config.toString(), "--out", tmp.resolve("never").toString());
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).contains(config.toString()).contains("train.steps twice");
  }

  @Test
  void aCorruptSavedModelAndACorruptCheckpointBothExitTwo() throws Exception {
    Path model = Files.createDirectories(tmp.resolve("models/m/1"));
    Files.write(model.resolve("saved_model.pb"), new byte[] {1, 2, 3, 4, 5});
    Outcome savedModel = cli("inspect", model.toString());
    assertThat(savedModel.code()).as(savedModel.err()).isEqualTo(2);
    assertThat(savedModel.err()).contains(model.resolve("saved_model.pb").toString());

    Path checkpoint = Files.createDirectories(tmp.resolve("run/checkpoints/ckpt-000000001"));
    Files.writeString(checkpoint.resolve("meta.json"), "{\"step\": 1, \"epo");
    Outcome corrupt = cli("inspect", checkpoint.toString());
    assertThat(corrupt.code()).isEqualTo(2);
    assertThat(corrupt.err()).contains("meta.json is not valid JSON");
  }
}
