package io.expertize.zoo.vit;

/**
 * How a ViT turns tokens into one vector for the head (timm's {@code global_pool}): the class
 * token after the final norm, or the mean of the patch tokens followed by {@code fc_norm}. Average
 * pooling learns markedly faster from scratch on small datasets.
 */
public enum Pooling {
  TOKEN,
  AVG
}
