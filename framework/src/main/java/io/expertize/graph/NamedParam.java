package io.expertize.graph;

/** A parameter with its full path in the model, e.g. {@code blocks.3.mlp.fc1.weight}. */
public record NamedParam(String path, Param param, Module owner) {}
