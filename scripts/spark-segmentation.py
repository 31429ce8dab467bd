#!/usr/bin/env python3
"""The warehouse segmentation on Apache Spark: read a `warehouse export`, PCA, MLlib KMeans
with k-means|| initialisation, write the assignments for `warehouse import-run`.

    spark-segmentation.py EXPORT_DIR OUT_DIR [--master local[2]] [--driver-memory 4g]

Input (EXPORT_DIR, written by `warehouse export`): schema.json and features.csv (user_id and
the standardised features). schema.json's `segmentation` block gives the feature columns, k,
seed, max_iter, tol and n_components (null: the fewest components reaching variance_target of
the variance, at least 2, as `warehouse run-segmentation` chooses).

Output (OUT_DIR, created; it must not exist):
  assignments/part-*.csv  user_id, segment (1..k), distance (to the segment's centre in
                          Spark's PCA basis), with a header in every part, as Spark writes them
  meta.json               the settings used and what Spark reported (format
                          "warehouse-segmentation-result", read by `warehouse import-run`)

Spark's PCA does not centre the data when it projects; features.csv is standardised over the
same users (column means 0 up to rounding), so its scores equal centred ones. Spark's `tol` is
the largest distance any centre moves in an iteration (ours is relative to the variance).
Everything runs in one local JVM (`--master local[N]`). With a cluster master the same script
runs there when EXPORT_DIR and OUT_DIR are on a file system mounted at the same path on the
driver and every executor (e.g. NFS): schema.json and meta.json are read and written by the
driver, features.csv and the assignments by Spark.
"""

import argparse
import json
import os
import shutil
import sys
import time


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("export_dir")
    parser.add_argument("out_dir")
    parser.add_argument("--master", default=os.environ.get("WAREHOUSE_SPARK_MASTER", f"local[{os.cpu_count() or 1}]"))
    parser.add_argument("--driver-memory", default=os.environ.get("WAREHOUSE_SPARK_DRIVER_MEMORY", "4g"))
    return parser.parse_args()


class Refusal(Exception):
    pass


def fail(message):
    raise Refusal(message)


def load_schema(export_dir):
    path = os.path.join(export_dir, "schema.json")
    try:
        with open(path, encoding="utf-8") as handle:
            schema = json.load(handle)
    except OSError as error:
        fail(f"cannot read {path}: {error.strerror} (expected the output of `warehouse export`)")
    except json.JSONDecodeError as error:
        fail(f"{path} is not JSON: {error}")
    if schema.get("format") != "warehouse-export" or schema.get("version") != 1:
        fail(f"{path}: format {schema.get('format')!r} version {schema.get('version')!r} is not warehouse-export version 1")
    if "features.csv" not in schema.get("files", {}):
        fail(f"{path} lists no features.csv")
    return schema


def spark_reason(error):
    """One line for a failure: the root Java cause of a Py4JJavaError (Spark's errors arrive as
    long Java traces), else the first line of the Python message."""
    text = None
    cause = getattr(error, "java_exception", None)
    try:
        while cause is not None and cause.getCause() is not None:
            cause = cause.getCause()
        text = cause.toString() if cause is not None else None
    except Exception:  # the JVM may be gone already
        text = None
    lines = [line for line in (text or str(error)).splitlines() if line.strip()]
    return lines[0] if lines else type(error).__name__


def jvm_peak_rss_mb(spark):
    """The local JVM's peak resident memory (VmHWM), in MB; None off Linux or for a remote driver."""
    try:
        pid = spark.sparkContext._jvm.java.lang.ProcessHandle.current().pid()
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) // 1024
    except Exception:  # best effort: the figure is informative only
        return None
    return None


def choose_components(explained, target, d):
    """The fewest components whose cumulative explained-variance ratio reaches `target`, at least min(2, d)."""
    total = sum(explained)
    cumulative = 0.0
    for index, value in enumerate(explained):
        cumulative += value / total if total > 0 else 0
        if cumulative >= target:
            return max(index + 1, min(2, d))
    return d


def main():
    arguments = parse_arguments()
    schema = load_schema(arguments.export_dir)
    segmentation = schema["segmentation"]
    names = segmentation["feature_names"]
    k = int(segmentation["k"])
    if os.path.exists(arguments.out_dir):
        fail(f"{arguments.out_dir} exists already; choose a new output directory")
    os.makedirs(arguments.out_dir)
    try:
        segment(arguments, schema, segmentation, names, k)
    except BaseException as error:
        shutil.rmtree(arguments.out_dir, ignore_errors=True)  # nothing half-written for import-run
        if isinstance(error, (Refusal, KeyboardInterrupt, SystemExit)):
            raise
        raise Refusal(f"Spark failed: {spark_reason(error)}") from error


def segment(arguments, schema, segmentation, names, k):
    started = time.perf_counter()
    from pyspark.sql import SparkSession, functions as F
    from pyspark.ml.feature import PCA, VectorAssembler
    from pyspark.ml.clustering import KMeans
    from pyspark.ml.functions import vector_to_array

    spark = (SparkSession.builder.master(arguments.master).appName("warehouse-segmentation")
             .config("spark.driver.memory", arguments.driver_memory)
             .config("spark.ui.enabled", "false")
             .config("spark.ui.showConsoleProgress", "false")
             .config("spark.sql.shuffle.partitions", "8")
             .getOrCreate())
    spark.sparkContext.setLogLevel("WARN")
    session_ready = time.perf_counter()

    features = (spark.read.schema(schema["files"]["features.csv"]["ddl"])
                .option("header", True).option("mode", "FAILFAST")
                .csv(os.path.join(os.path.abspath(arguments.export_dir), "features.csv")))
    assembled = VectorAssembler(inputCols=names, outputCol="z").transform(features).select("user_id", "z").cache()
    users = assembled.count()
    if users != segmentation["users"]:
        fail(f"features.csv has {users} rows, schema.json says {segmentation['users']}")
    read_done = time.perf_counter()

    components = segmentation.get("n_components")
    if components is None:
        full = PCA(k=len(names), inputCol="z", outputCol="scores").fit(assembled)
        components = choose_components(list(full.explainedVariance), segmentation["variance_target"], len(names))
    pca = PCA(k=int(components), inputCol="z", outputCol="scores").fit(assembled)
    scores = pca.transform(assembled).select("user_id", "scores").cache()
    scores.count()
    assembled.unpersist()
    pca_done = time.perf_counter()

    kmeans = KMeans(featuresCol="scores", predictionCol="cluster", k=k, seed=int(segmentation["seed"]),
                    initMode="k-means||", initSteps=2, maxIter=int(segmentation["max_iter"]), tol=float(segmentation["tol"]))
    model = kmeans.fit(scores)
    kmeans_done = time.perf_counter()

    centers = [list(map(float, center)) for center in model.clusterCenters()]
    coordinates = vector_to_array(F.col("scores"))
    squared = None
    for t in range(int(components)):
        centre_t = F.array(*[F.lit(center[t]) for center in centers])[F.col("cluster")]
        term = (coordinates[t] - centre_t) * (coordinates[t] - centre_t)
        squared = term if squared is None else squared + term
    assignments = model.transform(scores).select(
        F.col("user_id"), (F.col("cluster") + 1).alias("segment"), F.sqrt(squared).alias("distance"))
    assignments.write.option("header", True).csv(os.path.join(os.path.abspath(arguments.out_dir), "assignments"))
    written = time.perf_counter()

    summary = model.summary
    jvm_peak_mb = jvm_peak_rss_mb(spark)
    meta = {
        "format": "warehouse-segmentation-result", "version": 1,
        "engine": "spark", "engine_version": spark.version, "master": spark.sparkContext.master,
        "cores": spark.sparkContext.defaultParallelism,
        "init_mode": "k-means||", "k": k, "n_components": int(components),
        "seed": int(segmentation["seed"]), "max_iter": int(segmentation["max_iter"]), "tol": float(segmentation["tol"]),
        "features": segmentation["features"], "feature_names": names,
        "users": users, "max_user_id": segmentation["max_user_id"], "source_run": segmentation.get("run_id"),
        "inertia": float(summary.trainingCost), "iterations": int(summary.numIter),
        "explained_variance_ratio": [float(v) for v in pca.explainedVariance],
        "cluster_sizes": [int(size) for size in summary.clusterSizes], "centers": centers,
        "seconds": written - session_ready,
        "stage_seconds": {"session": session_ready - started, "read": read_done - session_ready,
                          "pca": pca_done - read_done, "kmeans": kmeans_done - pca_done, "write": written - kmeans_done},
        "assignments": "assignments",
        "jvm_peak_rss_mb": jvm_peak_mb,
    }
    with open(os.path.join(arguments.out_dir, "meta.json"), "w", encoding="utf-8") as handle:
        json.dump(meta, handle, indent=2, sort_keys=True)
        handle.write("\n")
    spark.stop()
    stages = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in meta["stage_seconds"].items())
    print(f"spark {spark.version} ({meta['master']}): {users} users, {components} components, k = {k}, "
          f"inertia {meta['inertia']:.2f} after {meta['iterations']} iterations; {meta['seconds']:.1f} s ({stages}); "
          f"JVM peak RSS {jvm_peak_mb} MB")
    print(f"wrote {arguments.out_dir}/meta.json and {arguments.out_dir}/assignments/")


if __name__ == "__main__":
    try:
        main()
    except Refusal as refusal:
        print(f"spark-segmentation: error: {refusal}", file=sys.stderr)
        sys.exit(1)
