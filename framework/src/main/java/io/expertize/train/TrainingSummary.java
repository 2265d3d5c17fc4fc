package io.expertize.train;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The result of a run, written to summary.json (snake_case keys, like metrics.jsonl). */
public record TrainingSummary(
    @JsonProperty("model") String model,
    @JsonProperty("scheme") String scheme,
    @JsonProperty("params") long params,
    @JsonProperty("steps") long steps,
    @JsonProperty("epochs") int epochs,
    @JsonProperty("eval_top1") double evalTop1,
    @JsonProperty("images_per_sec") double imagesPerSec,
    @JsonProperty("train_seconds") double trainSeconds,
    @JsonProperty("checkpoint") String checkpoint) {}
