#!/usr/bin/env python3
"""The warehouse segmentation on Apache Spark: read a `warehouse export`, PCA, MLlib KMeans
with k-means|| initialisation, write the assignments for `warehouse import-run`.

    spark-segmentation.py EXPORT_DIR OUT_DIR [--master local[2]] [--driver-memory 4g] [--features-out DIR]

Input (EXPORT_DIR, written by `warehouse export`): schema.json and features.csv (user_id and
the standardised features). schema.json's `segmentation` block gives the feature columns, k,
seed, max_iter, tol and n_components (null: the fewest components reaching variance_target of
the variance, at least 2, as `warehouse run-segmentation` chooses).

Output (OUT_DIR, created; it must not exist):
  assignments/part-*.csv  user_id, segment (1..k), distance (to the segment's centre in
                          Spark's PCA basis), with a header in every part, as Spark writes them
  meta.json               the settings used and what Spark reported (format
                          "warehouse-segmentation-result", read by `warehouse import-run`)

A windowed run (schema.json's `segmentation.window` is not null): the features are computed here
from the interactions, not read from features.csv: events.csv filtered to the window
(as_of - window_seconds < timestamp <= as_of), each row weighted by its kind (kinds not in
`weights` weigh 0), decayed by 2^(-(as_of - timestamp)/half_life_seconds), a row of a kind with
a min_value (kinds.csv) counting only when its value is at least that, summed per user and
subcategory (subcategories.csv gives the categories), users with a positive total and
id <= max_user_id; then the run's feature sets (every set the warehouse knows: category_share,
category_log1p, category_count, subcategory_share, subcategory_log1p, subcategory_count, age from
users.csv, liked_posts and log_liked_posts as the total interest; any other name is refused),
standardised with the run's scaling from schema.json (not refitted: the run's own), then the same
PCA and k-means. `--features-out DIR` writes those standardised features (user_id and the
feature_names columns, CSV part files) for a comparison with features.csv.

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
    parser.add_argument("--features-out", default=None,
                        help="write the features computed from events.csv (windowed runs) there, standardised, as CSV")
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
    files = schema.get("files", {})
    window = schema.get("segmentation", {}).get("window")
    needed = ["events.csv", "kinds.csv", "users.csv", "subcategories.csv"] if window is not None else ["features.csv"]
    for name in needed:
        if name not in files:
            fail(f"{path} lists no {name}" + (" (a windowed run's features are computed from the events; export it again "
                                               "with this version of warehouse)" if window is not None else ""))
    return schema


# The feature sets this script computes from events.csv, in the warehouse's vocabulary.
SUPPORTED_SETS = ["category_share", "category_log1p", "category_count", "subcategory_share", "subcategory_log1p",
                  "subcategory_count", "age", "liked_posts", "log_liked_posts"]


def windowed_features(spark, schema, segmentation, export_dir):
    """user_id and one standardised column per feature_names entry, computed from events.csv over
    the run's window (see the module's docstring); the rows: users with interest in the window and
    id <= max_user_id."""
    from functools import reduce
    from operator import add
    from pyspark.sql import functions as F

    window = segmentation["window"]
    sets = segmentation["features"].split(",")
    unsupported = [name for name in sets if name not in SUPPORTED_SETS]
    if unsupported:
        fail(f"feature set(s) {', '.join(unsupported)} cannot be computed from events.csv here; "
             f"supported: {', '.join(SUPPORTED_SETS)}")

    def read(name):
        return (spark.read.schema(schema["files"][name]["ddl"]).option("header", True).option("mode", "FAILFAST")
                .csv(os.path.join(export_dir, name)))

    catalogue = sorted((row.subcategory_id, row.subcategory, row.category_id, row.category)
                       for row in read("subcategories.csv").collect())
    categories = sorted({(category_id, category) for _, _, category_id, category in catalogue})
    category_index = {category_id: index for index, (category_id, _) in enumerate(categories)}
    kinds = read("kinds.csv")
    kind_names = {row.kind for row in kinds.select("kind").collect()}
    weights = window["weights"]
    unknown = sorted(set(weights) - kind_names)
    if unknown:
        fail(f"the window weighs kind(s) {', '.join(unknown)}, which kinds.csv does not have ({', '.join(sorted(kind_names))})")

    # The features' own names, in the warehouse's order, must be the run's (feature_labels).
    labels = []
    for name in sets:
        if name.startswith("category_"):
            prefix = {"category_share": "share_", "category_log1p": "log1p_", "category_count": "likes_"}[name]
            labels += [prefix + category for _, category in categories]
        elif name.startswith("subcategory_"):
            prefix = {"subcategory_share": "share_", "subcategory_log1p": "log1p_", "subcategory_count": "likes_"}[name]
            labels += [prefix + subcategory for _, subcategory, _, _ in catalogue]
        else:
            labels.append(name)
    if labels != segmentation["feature_labels"]:
        fail(f"the features computed from subcategories.csv ({', '.join(labels)}) are not the run's "
             f"({', '.join(segmentation['feature_labels'])})")

    as_of = int(window["as_of"])
    events = read("events.csv").filter(F.col("timestamp") <= as_of)
    if window.get("window_seconds") is not None:
        events = events.filter(F.col("timestamp") > as_of - int(window["window_seconds"]))
    weighted_kinds = spark.createDataFrame([(kind, float(weight)) for kind, weight in weights.items() if weight > 0],
                                           "kind STRING, weight DOUBLE").join(kinds, "kind")
    events = (events.join(F.broadcast(weighted_kinds), "kind")
              .filter(F.col("min_value").isNull() | (F.col("value").isNotNull() & (F.col("value") >= F.col("min_value")))))
    half_life = window.get("half_life_seconds")
    decay = (F.pow(F.lit(2.0), -(F.lit(as_of) - F.col("timestamp")).cast("double") / F.lit(float(half_life)))
             if half_life is not None else F.lit(1.0))
    ids = [subcategory_id for subcategory_id, _, _, _ in catalogue]
    wide = (events.withColumn("x", F.col("weight") * decay)
            .groupBy("user_id").pivot("subcategory_id", ids).agg(F.sum("x"))
            .na.fill(0.0, subset=[str(i) for i in ids]))
    sub = [F.col(str(i)) for i in ids]
    # Categories add their subcategories in id order, the total adds the categories: the warehouse's order.
    cat = [reduce(add, [sub[j] for j, (_, _, category_id, _) in enumerate(catalogue) if category_index[category_id] == c])
           for c in range(len(categories))]
    wide = wide.select("user_id", *[column.alias(f"s{j}") for j, column in enumerate(sub)],
                       *[column.alias(f"c{c}") for c, column in enumerate(cat)])
    sub = [F.col(f"s{j}") for j in range(len(ids))]
    cat = [F.col(f"c{c}") for c in range(len(categories))]
    wide = wide.withColumn("total", reduce(add, cat))
    wide = wide.filter((F.col("total") > 0) & (F.col("user_id") <= int(segmentation["max_user_id"])))
    if "age" in sets:
        wide = wide.join(read("users.csv").select("user_id", "age"), "user_id")
    inverse = F.when(F.col("total") > 0, F.lit(1.0) / F.col("total")).otherwise(F.lit(0.0))
    raw = []
    for name in sets:
        columns = cat if name.startswith("category_") else sub if name.startswith("subcategory_") else None
        if name.endswith("_share"):
            raw += [column * inverse for column in columns]
        elif name.endswith("_log1p"):
            raw += [F.log1p(column) for column in columns]
        elif name.endswith("_count"):
            raw += [column for column in columns]
        elif name == "age":
            raw.append(F.col("age").cast("double"))
        elif name == "liked_posts":
            raw.append(F.col("total"))
        else:
            raw.append(F.log1p(F.col("total")))
    names = segmentation["feature_names"]
    scaled = []
    for column, scaling, name in zip(raw, segmentation["scaling"], names):
        z = F.lit(0.0) if scaling["zero_variance"] else (column - F.lit(float(scaling["mean"]))) / F.lit(float(scaling["std"]))
        scaled.append(z.alias(name))
    return wide.select("user_id", *scaled)


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

    if segmentation.get("window") is not None:
        features = windowed_features(spark, schema, segmentation, os.path.abspath(arguments.export_dir))
        if arguments.features_out:
            features = features.cache()
            features.write.option("header", True).csv(os.path.abspath(arguments.features_out))
    else:
        features = (spark.read.schema(schema["files"]["features.csv"]["ddl"])
                    .option("header", True).option("mode", "FAILFAST")
                    .csv(os.path.join(os.path.abspath(arguments.export_dir), "features.csv")))
    assembled = VectorAssembler(inputCols=names, outputCol="z").transform(features).select("user_id", "z").cache()
    users = assembled.count()
    if users != segmentation["users"]:
        source = "the features computed from events.csv" if segmentation.get("window") is not None else "features.csv"
        fail(f"{source} has {users} rows, schema.json says {segmentation['users']}")
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
        "window": segmentation.get("window"),
        "features_from": "events.csv" if segmentation.get("window") is not None else "features.csv",
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
