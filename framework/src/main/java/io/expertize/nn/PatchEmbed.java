package io.expertize.nn;

import io.expertize.graph.ForwardContext;
import io.expertize.graph.Module;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * Image to patch tokens: {@code proj} (a patch convolution), flattened to {@code [B, N, dim]}, then a
 * LayerNorm when {@link PatchEmbedOptions#normEps()} is set.
 */
public class PatchEmbed extends Module {
  private final int imageSize;
  private final int patchSize;
  private final PatchConv proj;
  private final LayerNorm norm;

  public PatchEmbed(PatchEmbedOptions o) {
    this.imageSize = o.imageSize();
    this.patchSize = o.patchSize();
    this.proj = new PatchConv(o.channels(), o.dim(), o.patchSize());
    this.norm = o.normEps().isPresent() ? new LayerNorm(o.dim(), o.normEps().getAsDouble()) : null;
  }

  /** Without a norm (ViT's). */
  public PatchEmbed(int imageSize, int patchSize, int channels, long dim) {
    this(PatchEmbedOptions.builder().imageSize(imageSize).patchSize(patchSize).channels(channels).dim(dim).build());
  }

  public int gridSize() {
    return imageSize / patchSize;
  }

  public int numPatches() {
    return gridSize() * gridSize();
  }

  public Operand<TFloat32> forward(ForwardContext ctx, Operand<TFloat32> images) {
    Operand<TFloat32> grid = proj.forward(ctx, images);
    long dim = grid.shape().get(3);
    Operand<TFloat32> tokens = ctx.tf().reshape(grid, Shapes.of(ctx.tf(), -1, numPatches(), dim));
    return norm == null ? tokens : norm.forward(ctx, tokens);
  }
}
