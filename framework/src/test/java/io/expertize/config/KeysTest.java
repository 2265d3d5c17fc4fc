package io.expertize.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeysTest {

  @Test
  void everyConstantIsRegisteredOnceInDeclarationOrder() throws IllegalAccessException {
    List<Object> constants = new java.util.ArrayList<>();
    for (Field f : Keys.class.getDeclaredFields()) {
      if (f.getType() == ConfigKey.class && Modifier.isPublic(f.getModifiers())) {
        constants.add(f.get(null));
      }
    }
    assertThat(Keys.ALL).containsExactlyElementsOf(constants.stream().map(c -> (ConfigKey<?>) c).toList());
    assertThat(Keys.ALL.stream().map(ConfigKey::name)).doesNotHaveDuplicates().hasSize(79);
  }

  @Test
  void byNameFindsKeysButNotAliases() {
    assertThat(Keys.byName("optim.lr")).containsSame(Keys.OPTIM_LR);
    assertThat(Keys.byName("learning-rate")).isEmpty();
  }

  @Test
  void suggestionsCatchCommonSpellings() {
    assertThat(ClosestMatch.key("optim.learning-rate", Keys.ALL)).contains("optim.lr");
    assertThat(ClosestMatch.key("learning_rate", Keys.ALL)).contains("optim.lr");
    assertThat(ClosestMatch.key("epochs", Keys.ALL)).contains("train.epochs");
    assertThat(ClosestMatch.key("trian.epochs", Keys.ALL)).contains("train.epochs");
    assertThat(ClosestMatch.key("Optim.Weight_Decay", Keys.ALL)).contains("optim.weight-decay");
    assertThat(ClosestMatch.key("num_experts", Keys.ALL)).contains("fusion.experts");
    assertThat(ClosestMatch.key("completely.unrelated", Keys.ALL)).isEmpty();
  }

  @Test
  void constraintsDescribeThemselves() {
    assertThat(Arrays.asList(Keys.TRAIN_EPOCHS.expectation(), Keys.OPTIM_LR.expectation(),
            Keys.OPTIM_BETA1.expectation(), Keys.SEED.expectation(), Keys.FUSION_SCHEME.expectation(),
            Keys.MODEL_DROPOUT.expectation(), Keys.TRAIN_STEPS.expectation()))
        .containsExactly("an int in [1, 10000]", "a double in (0, 10]", "a double in [0, 1)",
            "a long", "one of: model, dense, sw, dw, mb, ewa, topk", "a double in [0, 1), or model", "a long >= 1, or epochs");
  }
}
