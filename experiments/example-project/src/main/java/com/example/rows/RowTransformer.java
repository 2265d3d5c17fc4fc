package com.example.rows;

import io.expertize.annotations.FusionScheme;
import io.expertize.annotations.Scheme;
import io.expertize.graph.ForwardContext;
import io.expertize.nn.ConfiguredImageClassifier;
import io.expertize.nn.LayerNorm;
import io.expertize.nn.Linear;
import io.expertize.nn.PositionEmbedding;
import io.expertize.nn.Shapes;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A Transformer that reads an image row by row: each of the image's rows is one token (28 tokens of 28 pixels
 * for Fashion-MNIST), embedded by a linear layer, plus a learned position embedding, through encoder blocks (2),
 * mean-pooled over the rows and classified by a linear head. Not in the zoo: this project's own model.
 *
 * <p>{@code @FusionScheme(Scheme.EWA)}: the FFNs marked {@code @Expertize} in {@link RowBlock} train as expert
 * sets averaged into one another (EWA); {@code expertize export} ships the dense model this class describes.
 */
@FusionScheme(Scheme.EWA)
public class RowTransformer extends ConfiguredImageClassifier<RowTransformerConfig> {
  private static final int HEADS = 2;

  private final Linear rowEmbed;
  private final PositionEmbedding posEmbed;
  private final List<RowBlock> blocks = new ArrayList<>();
  private final LayerNorm norm;
  private final Linear head;

  public RowTransformer(RowTransformerConfig c) {
    super(c);
    this.rowEmbed = new Linear(c.pixelsPerRow(), c.width());
    this.posEmbed = new PositionEmbedding(c.imageSize(), c.width());
    for (int i = 0; i < c.blocks(); i++) {
      blocks.add(new RowBlock(c.width(), HEADS));
    }
    this.norm = new LayerNorm(c.width(), 1e-6);
    this.head = new Linear(c.width(), c.numClasses());
  }

  @Override
  public Operand<TFloat32> logits(ForwardContext ctx, Operand<TFloat32> images) {
    Ops tf = ctx.tf();
    // [B, H, W, C] -> [B, H, W * C]: one token per row
    Operand<TFloat32> rows = tf.reshape(images, Shapes.of(tf, -1, config().imageSize(), config().pixelsPerRow()));
    Operand<TFloat32> x = posEmbed.add(ctx, rowEmbed.forward(ctx, rows));
    for (RowBlock block : blocks) {
      x = block.forward(ctx, x);
    }
    return head.forward(ctx, tf.math.mean(norm.forward(ctx, x), tf.constant(1)));
  }
}
