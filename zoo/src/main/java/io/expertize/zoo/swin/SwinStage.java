package io.expertize.zoo.swin;

import io.expertize.graph.ForwardContext;
import io.expertize.graph.Module;
import io.expertize.nn.PatchMerging;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** timm's {@code BasicLayer}: a stage's blocks, then patch merging into the next stage (none after the last). */
public class SwinStage extends Module {
  private final List<SwinBlock> blocks;
  private final PatchMerging downsample;

  SwinStage(List<SwinBlock> blocks, PatchMerging downsample) {
    this.blocks = List.copyOf(blocks);
    this.downsample = downsample;
  }

  public Operand<TFloat32> forward(ForwardContext ctx, Operand<TFloat32> x) {
    for (SwinBlock b : blocks) {
      x = b.forward(ctx, x);
    }
    return downsample == null ? x : downsample.forward(ctx, x);
  }
}
