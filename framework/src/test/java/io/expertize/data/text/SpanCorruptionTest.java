package io.expertize.data.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** T5's random_spans_noise_mask and unique-sentinel corruption, counts checked by hand. */
class SpanCorruptionTest {
  private final SpanCorruption t5 = SpanCorruption.byt5();

  /** Noise runs of a mask, in order, as {start, length} pairs. */
  private static int[][] runs(boolean[] mask) {
    List<int[]> out = new ArrayList<>();
    for (int i = 0; i < mask.length; i++) {
      if (mask[i] && (i == 0 || !mask[i - 1])) {
        int j = i;
        while (j < mask.length && mask[j]) {
          j++;
        }
        out.add(new int[] {i, j - i});
      }
    }
    return out.toArray(int[][]::new);
  }

  @Test
  void countsAreT5sRoundedHalfToEvenInFloat32() {
    // length 100: 15 noise tokens, round(15 / 3) = 5 spans
    assertThat(t5.counts(100)).isEqualTo(new SpanCorruption.Counts(15, 5));
    // length 114: round(17.1) = 17 noise tokens, round(5.67) = 6 spans
    assertThat(t5.counts(114)).isEqualTo(new SpanCorruption.Counts(17, 6));
    // length 10: 10 * 0.15f = 1.5 -> 2 (half to even), round(0.67) = 1 span
    assertThat(t5.counts(10)).isEqualTo(new SpanCorruption.Counts(2, 1));
    // length 30: 30 * 0.15f = 4.5 in float32 -> 4 (half to even, where Math.round would give 5), round(1.33) = 1
    assertThat(t5.counts(30)).isEqualTo(new SpanCorruption.Counts(4, 1));
    // length 3: round(0.45) = 0, raised to 1 noise token, 1 span
    assertThat(t5.counts(3)).isEqualTo(new SpanCorruption.Counts(1, 1));
    // 568 tokens: 85 noise in 28 spans (the raw length T5 uses for 512 inputs)
    assertThat(t5.counts(568)).isEqualTo(new SpanCorruption.Counts(85, 28));
  }

  @Test
  void masksHaveExactlyTheCountedNoiseInTheCountedSpansEndingInNoise() {
    SplittableRandom random = new SplittableRandom(1);
    for (int length : new int[] {2, 10, 30, 57, 100, 114, 568}) {
      for (int trial = 0; trial < 20; trial++) {
        boolean[] mask = t5.noiseMask(length, random);
        SpanCorruption.Counts c = t5.counts(length);
        int noise = 0;
        for (boolean b : mask) {
          noise += b ? 1 : 0;
        }
        assertThat(noise).as("noise tokens at length %d", length).isEqualTo(c.noiseTokens());
        assertThat(runs(mask).length).as("noise spans at length %d", length).isEqualTo(c.noiseSpans());
        assertThat(mask[0]).as("spans start with non-noise").isFalse();
        assertThat(mask[length - 1]).as("and end with noise").isTrue();
      }
    }
  }

  @Test
  void shortSequencesAreDeterministicAsInT5() {
    // length 20: 3 noise tokens in 1 span, 17 kept in 1 span: always 17 kept then 3 noise
    boolean[] mask = t5.noiseMask(20, new SplittableRandom(9));
    for (int i = 0; i < 20; i++) {
      assertThat(mask[i]).isEqualTo(i >= 17);
    }
    assertThat(t5.noiseMask(1, new SplittableRandom(9))).containsExactly(false); // T5 pads to 2, keeps the token
  }

  @Test
  void spansArePlacedRandomlyAndReproduciblyBySeed() {
    // length 40: 6 noise tokens in 2 spans; the first span's length takes every value 1..5
    Set<Integer> firstSpanLengths = new HashSet<>();
    Set<Integer> firstSpanStarts = new HashSet<>();
    for (long seed = 0; seed < 200; seed++) {
      int[][] runs = runs(t5.noiseMask(40, new SplittableRandom(seed)));
      firstSpanLengths.add(runs[0][1]);
      firstSpanStarts.add(runs[0][0]);
    }
    assertThat(firstSpanLengths).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
    assertThat(firstSpanStarts.size()).isGreaterThan(20);
    assertThat(t5.noiseMask(500, new SplittableRandom(3))).containsExactly(t5.noiseMask(500, new SplittableRandom(3)));
    assertThat(t5.noiseMask(500, new SplittableRandom(3))).isNotEqualTo(t5.noiseMask(500, new SplittableRandom(4)));
  }

  @Test
  void inputsAndTargetsCarryUniqueSentinelsAndRestoreTheText() {
    String text = "We hold these truths to be self-evident, that all men are created equal, "
        + "that they are endowed by their Creator with certain unalienable Rights.";
    int[] tokens = ByteVocabulary.encode(text);
    SpanCorruption.Counts c = t5.counts(tokens.length);
    for (long seed = 0; seed < 20; seed++) {
      SpanCorruption.Example e = t5.corrupt(tokens, new SplittableRandom(seed));
      // inputs: kept tokens, one sentinel per noise span, eos; targets: one sentinel per kept span, noise, eos
      assertThat(e.inputs()).hasSize(tokens.length - c.noiseTokens() + c.noiseSpans() + 1);
      assertThat(e.targets()).hasSize(c.noiseTokens() + c.noiseSpans() + 1);
      int[] sentinels = Arrays.stream(e.inputs()).filter(t5::isSentinel).toArray();
      assertThat(sentinels).hasSize(c.noiseSpans()).startsWith(383, 382); // counted down from the top
      assertThat(e.targets()[0]).isEqualTo(383);
      assertThat(e.inputs()[e.inputs().length - 2]).as("T5 masks always end in noise").isEqualTo(sentinels[sentinels.length - 1]);
      assertThat(e.inputs()[e.inputs().length - 1]).isEqualTo(ByteVocabulary.EOS);
      assertThat(e.targets()[e.targets().length - 1]).isEqualTo(ByteVocabulary.EOS);
      assertThat(ByteVocabulary.decode(t5.restore(e))).isEqualTo(text);
    }
  }

  @Test
  void rawLengthFor512InputsIsT5s568With114Targets() {
    assertThat(t5.rawAndTargetsLength(512)).containsExactly(568, 114);
    // one more raw token would need a 513th input: 484 kept + 28 sentinels + eos
    assertThat(t5.counts(569)).isEqualTo(new SpanCorruption.Counts(85, 28));
  }

  @Test
  void invalidSettingsNameTheConstraint() {
    assertThatThrownBy(() -> new SpanCorruption(1.5, 3, 384, 125)).hasMessageContaining("noise density must be in (0, 1)");
    assertThatThrownBy(() -> new SpanCorruption(0.15, 0.5, 384, 125)).hasMessageContaining("mean noise span length");
    SpanCorruption few = new SpanCorruption(0.15, 3, 384, 2);
    assertThatThrownBy(() -> few.corrupt(new int[100], new SplittableRandom(1))).hasMessageContaining("2 sentinels");
  }
}
