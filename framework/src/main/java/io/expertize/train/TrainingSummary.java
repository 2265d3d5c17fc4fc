package io.expertize.train;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The result of a run, written to summary.json (snake_case keys, like metrics.jsonl). {@code params}
 * counts the dense model that is deployed; {@code params_training} what was trained (experts,
 * routers and mixing weights included); {@code examples_per_sec} the training throughput in
 * {@code example_unit}s ({@link ExampleUnit#plural}: images, sequences). Summaries written before
 * this field was renamed say {@code images_per_sec}. {@code class_names}: what a classifier's labels
 * name, in label order (empty for text). {@code skipped_images}: how many images the data left out as
 * undecodable ({@code data.skip-bad-images}; listed in {@code RUN/skipped-images.txt}).
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
    @JsonProperty("examples_per_sec") double examplesPerSec,
    @JsonProperty("example_unit") String exampleUnit,
    @JsonProperty("train_seconds") double trainSeconds,
    @JsonProperty("checkpoint") String checkpoint,
    @JsonProperty("class_names") List<String> classNames,
    @JsonProperty("skipped_images") int skippedImages) {}
