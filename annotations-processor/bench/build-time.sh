#!/usr/bin/env bash
# Build-time cost of the annotation processor (docs/benchmarks.md, "Annotation processor: build time").
#   annotations-processor/bench/build-time.sh [repeats]
# 1. javac over the zoo and the Tower fixture with and without the processor (cold processes, warm in-process);
# 2. expert plan and training graph of the ViT, generated builder vs reflective.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
repeats="${1:-7}"
cd "$root"
# one reactor run, so every module's class path names this tree's jars, not an installed snapshot
mvn -B -q -o -pl framework,annotations-processor,zoo package dependency:build-classpath -DskipTests \
  -DincludeScope=test -Dmdep.outputFile=target/bench.classpath

# The processor path a user's build gets: the processor, the framework jar (its own dependencies
# excluded) and JavaPoet, nothing else.
version=0.1.0-SNAPSHOT
javapoet="$(tr ':' '\n' < annotations-processor/target/bench.classpath | grep '/javapoet-')"
processor_path="annotations-processor/target/expertize-annotations-processor-$version.jar:framework/target/expertize-framework-$version.jar:$javapoet"
java -cp "annotations-processor/target/test-classes:annotations-processor/target/classes:$(cat annotations-processor/target/bench.classpath)" \
  io.expertize.processor.bench.ProcessorCostBench "$repeats" "$processor_path" \
  zoo/src/main/java annotations-processor/src/test/resources/fixtures/tower

TF_CPP_MIN_LOG_LEVEL=2 java -cp "zoo/target/test-classes:zoo/target/classes:$(cat zoo/target/bench.classpath)" \
  io.expertize.zoo.vit.PlanBuildBench 200 "$repeats"
