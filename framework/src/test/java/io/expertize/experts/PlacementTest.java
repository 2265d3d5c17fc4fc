package io.expertize.experts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every placement form, for depths 1 to 12, with the exact indices it chooses; and its errors. */
class PlacementTest {

  /** The indices of {@code 0..depth-1} that {@code spec} chooses. */
  private static List<Integer> chosen(String spec, int depth) {
    boolean[] chosen = Placement.parse(spec).select(depth);
    assertThat(chosen).hasSize(depth);
    return IntStream.range(0, depth).filter(i -> chosen[i]).boxed().toList();
  }

  private static List<Integer> where(int depth, IntPredicate p) {
    return IntStream.range(0, depth).filter(p).boxed().toList();
  }

  static Stream<Integer> depths() {
    return IntStream.rangeClosed(1, 12).boxed();
  }

  @ParameterizedTest(name = "depth {0}")
  @MethodSource("depths")
  void allChoosesEveryOccurrence(int depth) {
    assertThat(chosen("all", depth)).isEqualTo(where(depth, i -> true));
    assertThat(chosen("all", depth)).hasSize(depth);
  }

  @ParameterizedTest(name = "depth {0}")
  @MethodSource("depths")
  void oddAndEvenSplitTheOccurrences(int depth) {
    assertThat(chosen("odd", depth)).isEqualTo(where(depth, i -> i % 2 == 1));
    assertThat(chosen("even", depth)).isEqualTo(where(depth, i -> i % 2 == 0));
    assertThat(chosen("odd", depth).size() + chosen("even", depth).size()).isEqualTo(depth);
  }

  @ParameterizedTest(name = "depth {0}")
  @MethodSource("depths")
  void everyKChoosesTheLastOfEachGroupOfK(int depth) {
    // every-K is V-MoE's "every other layer": K-1, 2K-1, ...
    assertThat(chosen("every-1", depth)).isEqualTo(where(depth, i -> true));
    assertThat(chosen("every-2", depth)).isEqualTo(where(depth, i -> i % 2 == 1));
    assertThat(chosen("every-3", depth)).isEqualTo(where(depth, i -> i % 3 == 2));
    assertThat(chosen("every-2", depth)).isEqualTo(chosen("odd", depth));
    assertThat(chosen("every-12", depth)).isEqualTo(depth == 12 ? List.of(11) : List.of());
  }

  @Test
  void everyKExactIndices() {
    assertThat(chosen("every-2", 12)).containsExactly(1, 3, 5, 7, 9, 11);
    assertThat(chosen("every-3", 12)).containsExactly(2, 5, 8, 11);
    assertThat(chosen("every-3", 7)).containsExactly(2, 5);
    assertThat(chosen("every-3", 2)).isEmpty();
    assertThat(chosen("every-2", 1)).isEmpty();
    assertThat(chosen("odd", 1)).isEmpty();
    assertThat(chosen("even", 1)).containsExactly(0);
  }

  @ParameterizedTest(name = "depth {0}")
  @MethodSource("depths")
  void firstAndLastKForEveryKUpToTheDepth(int depth) {
    for (int k = 1; k <= depth; k++) {
      int kk = k;
      assertThat(chosen("first-" + k, depth)).as("first-%d of %d", k, depth).isEqualTo(where(depth, i -> i < kk));
      assertThat(chosen("last-" + k, depth)).as("last-%d of %d", k, depth).isEqualTo(where(depth, i -> i >= depth - kk));
    }
  }

  @Test
  void firstAndLastExactIndices() {
    assertThat(chosen("last-4", 12)).containsExactly(8, 9, 10, 11);
    assertThat(chosen("first-4", 12)).containsExactly(0, 1, 2, 3);
    assertThat(chosen("last-1", 1)).containsExactly(0);
    assertThat(chosen("first-3", 3)).containsExactly(0, 1, 2);
  }

  @ParameterizedTest(name = "depth {0}")
  @MethodSource("depths")
  void explicitListsChooseExactlyTheirIndices(int depth) {
    assertThat(chosen("0", depth)).containsExactly(0);
    assertThat(chosen(Integer.toString(depth - 1), depth)).containsExactly(depth - 1);
    String everyIndex = String.join(",", IntStream.range(0, depth).mapToObj(Integer::toString).toList());
    assertThat(chosen(everyIndex, depth)).isEqualTo(where(depth, i -> true));
    assertThat(chosen("[" + everyIndex + "]", depth)).isEqualTo(where(depth, i -> true));
    if (depth >= 6) {
      assertThat(chosen("0,3,5", depth)).containsExactly(0, 3, 5);
    }
  }

  static Stream<Arguments> listSpellings() {
    return Stream.of(
        Arguments.of("0,3,5"),
        Arguments.of("0, 3, 5"),
        Arguments.of(" 0 ,3 , 5 "),
        Arguments.of("[0,3,5]"),
        Arguments.of("[0, 3, 5]"),
        Arguments.of("[ 0 , 3 , 5 ]"),
        Arguments.of("5,0,3"),
        Arguments.of("0,3,3,5"));
  }

  @ParameterizedTest(name = "''{0}''")
  @MethodSource("listSpellings")
  void listsWithAndWithoutBracketsAndSpaces(String spec) {
    assertThat(chosen(spec, 8)).containsExactly(0, 3, 5);
    assertThat(Placement.parse(spec).spec()).isEqualTo("0,3,5");
  }

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(strings = {"ALL", "All", " all ", "EVEN", "Odd", "EVERY-2", "Every-2", "LAST-4", "First-4", "[0, 3]"})
  void caseAndSurroundingSpaceDoNotMatter(String spec) {
    String lower = spec.trim().toLowerCase(java.util.Locale.ROOT);
    assertThat(chosen(spec, 12)).isEqualTo(chosen(lower, 12));
    assertThat(Placement.parse(spec).spec()).isEqualTo(Placement.parse(lower).spec());
  }

  @Test
  void normalisedSpec() {
    assertThat(Placement.parse(" ALL ").spec()).isEqualTo("all");
    assertThat(Placement.parse("Every-2").spec()).isEqualTo("every-2");
    assertThat(Placement.parse("LAST-4").toString()).isEqualTo("last-4");
    assertThat(Placement.all().spec()).isEqualTo("all");
  }

  @Test
  void zeroOccurrencesChooseNothing() {
    for (String spec : List.of("all", "odd", "even", "every-2")) {
      assertThat(chosen(spec, 0)).as(spec).isEmpty();
    }
  }

  // --- errors ---

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(strings = {"", "  ", "none", "every", "every-", "every-x", "first", "middle-2", "-1", "0;3", "0,,3",
      "1-3", "every 2", "0,-1"})
  void unknownFormsListTheValidForms(String spec) {
    assertThatThrownBy(() -> Placement.parse(spec))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + spec + "'")
        .hasMessageContaining("all, every-K, odd, even, first-K, last-K, or a list of indices like 0,3,5");
  }

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(strings = {"every-0", "first-0", "last-0", "every-00"})
  void aCountOfZeroIsRejected(String spec) {
    assertThatThrownBy(() -> Placement.parse(spec))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + spec + "'")
        .hasMessageContaining("at least 1");
  }

  @Test
  void aCountTooLargeForAnIntIsRejectedAsACountNotANumberFormatError() {
    assertThatThrownBy(() -> Placement.parse("every-99999999999"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'every-99999999999'");
    assertThatThrownBy(() -> Placement.parse("99999999999").select(3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("99999999999")
        .hasMessageContaining("0..2");
  }

  @ParameterizedTest(name = "depth {0}")
  @MethodSource("depths")
  void firstAndLastBeyondTheCountNameBoth(int depth) {
    for (String form : List.of("first-", "last-")) {
      String spec = form + (depth + 1);
      assertThatThrownBy(() -> Placement.parse(spec).select(depth))
          .as(spec)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("placement '" + spec + "' asks for " + (depth + 1) + " occurrences, but there "
              + (depth == 1 ? "is only 1 occurrence" : "are only " + depth + " occurrences"));
    }
  }

  @ParameterizedTest(name = "depth {0}")
  @MethodSource("depths")
  void listIndexBeyondTheCountNamesTheIndexAndTheRange(int depth) {
    String spec = "0," + depth;
    assertThatThrownBy(() -> Placement.parse(spec).select(depth))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + spec + "'")
        .hasMessageContaining("index " + depth)
        .hasMessageContaining("0.." + (depth - 1));
  }

  @Test
  void listIndexBeyondTheCountExactMessages() {
    assertThatThrownBy(() -> Placement.parse("[0, 3, 12]").select(12))
        .hasMessage("placement '[0, 3, 12]' names index 12, but there are only 12 occurrences (0..11)");
    assertThatThrownBy(() -> Placement.parse("1").select(1))
        .hasMessage("placement '1' names index 1, but there is only 1 occurrence (0..0)");
    assertThatThrownBy(() -> Placement.parse("0").select(0))
        .hasMessage("placement '0' names index 0, but there are no occurrences");
    // every index out of range is named, not only the largest
    assertThatThrownBy(() -> Placement.parse("2,7,9").select(4))
        .hasMessage("placement '2,7,9' names indices 7, 9, but there are only 4 occurrences (0..3)");
  }

  @Test
  void anErrorComesFromSelectNotParseWhenItDependsOnTheCount() {
    // the count is only known per model: parsing alone accepts these
    Placement.parse("last-40");
    Placement.parse("0,40");
  }
}
