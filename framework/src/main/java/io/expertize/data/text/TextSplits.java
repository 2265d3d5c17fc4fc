package io.expertize.data.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Documents split into training and held-out ones: every {@value #HELD_OUT_EVERY}th document is
 * held out, so both splits draw from every source file (a file-level cut would hold out one topic).
 */
public record TextSplits(List<String> train, List<String> test) {
  public static final int HELD_OUT_EVERY = 20;

  public static TextSplits of(List<String> documents) {
    List<String> train = new ArrayList<>();
    List<String> test = new ArrayList<>();
    for (int i = 0; i < documents.size(); i++) {
      (i % HELD_OUT_EVERY == HELD_OUT_EVERY - 1 ? test : train).add(documents.get(i));
    }
    return new TextSplits(List.copyOf(train), List.copyOf(test));
  }
}
