package io.expertize.experts;

/**
 * One {@code @Expertize} field as declared: its qualified name ({@code com.acme.Block.mlp}, the
 * class's binary name), and the annotation's values. Read from the annotation at run time, or
 * written out as a constant by the generated builder.
 */
public record ExpertizeField(String name, int experts, String placement) {}
