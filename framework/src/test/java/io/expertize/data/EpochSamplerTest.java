package io.expertize.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EpochSamplerTest {

  @Test
  void everyEpochIsAPermutation() {
    EpochSampler sampler = new EpochSampler(1000, 32, 7);
    int[] identity = IntStream.range(0, 1000).toArray();
    for (long epoch = 0; epoch < 5; epoch++) {
      int[] perm = sampler.permutation(epoch);
      int[] sorted = perm.clone();
      Arrays.sort(sorted);
      assertThat(sorted).isEqualTo(identity);
      assertThat(perm).isNotEqualTo(identity);
    }
  }

  @Test
  void orderDependsOnlyOnSeedAndEpoch() {
    EpochSampler a = new EpochSampler(500, 10, 1);
    EpochSampler b = new EpochSampler(500, 10, 1);
    b.permutation(3); // warm b's cache with another epoch: must not matter
    assertThat(a.permutation(0)).isEqualTo(b.permutation(0));
    assertThat(a.permutation(1)).isNotEqualTo(a.permutation(0));
    assertThat(new EpochSampler(500, 10, 2).permutation(0)).isNotEqualTo(a.permutation(0));
  }

  @Test
  void stepsWalkThroughEpochsDroppingThePartialBatch() {
    EpochSampler sampler = new EpochSampler(105, 10, 3);
    assertThat(sampler.batchesPerEpoch()).isEqualTo(10);
    int[] epoch1 = sampler.permutation(1);
    assertThat(sampler.epochOf(10)).isEqualTo(1);
    assertThat(sampler.indicesAt(10)).isEqualTo(Arrays.copyOfRange(epoch1, 0, 10));
    assertThat(sampler.indicesAt(19)).isEqualTo(Arrays.copyOfRange(epoch1, 90, 100));
    assertThat(sampler.indicesAt(20)).isEqualTo(Arrays.copyOfRange(sampler.permutation(2), 0, 10));
    // Within an epoch no example repeats.
    int[] seen = IntStream.range(0, 10).flatMap(s -> Arrays.stream(sampler.indicesAt(s))).toArray();
    assertThat(seen).doesNotHaveDuplicates().hasSize(100);
  }

  @Test
  void rejectsDatasetsSmallerThanABatch() {
    assertThatThrownBy(() -> new EpochSampler(5, 10, 0))
        .hasMessageContaining("smaller than one batch of 10");
  }
}
