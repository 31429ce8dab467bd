#!/usr/bin/env bash
# Runs scripts/spark-segmentation.py (PCA + MLlib KMeans with k-means|| on Apache Spark, local
# mode) on a `warehouse export`, in a virtual environment this script makes and reuses:
#
#   scripts/spark-segmentation.sh EXPORT_DIR OUT_DIR [--master local[N]] [--driver-memory 4g]
#
# The venv lives at ${WAREHOUSE_SPARK_VENV:-/tmp/warehouse-spark-venv}; pyspark (and numpy, which
# pyspark.ml needs) come from PyPI: ${WAREHOUSE_PYSPARK:-'pyspark>=4.0,<5'} (measured with 4.3.0;
# Spark 4 needs Java 17 or newer on PATH, or JAVA_HOME).
# Then: warehouse import-run OUT_DIR.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
venv=${WAREHOUSE_SPARK_VENV:-/tmp/warehouse-spark-venv}
if [ $# -lt 2 ]; then
    echo "usage: $0 EXPORT_DIR OUT_DIR [--master local[N]] [--driver-memory SIZE]" >&2
    exit 2
fi
if ! command -v java >/dev/null 2>&1 && [ -z "${JAVA_HOME:-}" ]; then
    echo "spark-segmentation: error: no java on PATH and no JAVA_HOME; Spark needs Java 17+ (apt-get install openjdk-17-jre-headless)" >&2
    exit 1
fi
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import pyspark, numpy' 2>/dev/null; then
    echo "spark-segmentation: making the virtual environment $venv (pip install pyspark; a few minutes the first time)" >&2
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "${WAREHOUSE_PYSPARK:-pyspark>=4.0,<5}" 'numpy>=1.26,<3'
fi
exec "$venv/bin/python" "$here/spark-segmentation.py" "$@"
