package io.expertize.train;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The result of a run, written to summary.json (snake_case keys, like metrics.jsonl). {@code params}
 * counts the dense model that is deployed; {@code params_training} what was trained (experts,
 * routers and mixing weights included).
 */
public record TrainingSummary(
    @JsonProperty("model") String model,
    @JsonProperty("scheme") String scheme,
    @JsonProperty("experts") int experts,
    @JsonProperty("placement") String placement,
    @JsonProperty("expert_layers") List<String> expertLayers,
    @JsonProperty("params") long params,
    @JsonProperty("params_training") long paramsTraining,
    @JsonProperty("steps") long steps,
    @JsonProperty("epochs") int epochs,
    @JsonProperty("eval_top1") double evalTop1,
    @JsonProperty("images_per_sec") double imagesPerSec,
    @JsonProperty("train_seconds") double trainSeconds,
    @JsonProperty("checkpoint") String checkpoint) {}
