package io.expertize.nn;

import io.expertize.graph.ForwardContext;
import io.expertize.graph.Module;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** Image to patch tokens: {@code proj} (a patch convolution), flattened to {@code [B, N, dim]}, optional norm. */
public class PatchEmbed extends Module {
  private final int imageSize;
  private final int patchSize;
  private final PatchConv proj;
  private final LayerNorm norm;

  public PatchEmbed(int imageSize, int patchSize, int channels, long dim, LayerNorm norm) {
    if (patchSize <= 0 || imageSize % patchSize != 0) {
      throw new IllegalArgumentException(
          "image size " + imageSize + " must be a multiple of the patch size " + patchSize);
    }
    this.imageSize = imageSize;
    this.patchSize = patchSize;
    this.proj = new PatchConv(channels, dim, patchSize);
    this.norm = norm;
  }

  public PatchEmbed(int imageSize, int patchSize, int channels, long dim) {
    this(imageSize, patchSize, channels, dim, null);
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
