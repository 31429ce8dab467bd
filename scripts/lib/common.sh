# Shared by the scripts in scripts/: source it after `cd` to the repository root.

# Sets $bin to the release `warehouse` binary: $WAREHOUSE_BIN when set, else a fresh release build.
warehouse_bin() {
    if [ -n "${WAREHOUSE_BIN:-}" ]; then
        bin=$WAREHOUSE_BIN
    else
        swift build -c release --product warehouse >/dev/null
        bin=$(swift build -c release --show-bin-path)/warehouse
    fi
}

# Sets $py to a Python with numpy, pandas, scikit-learn, Faker and threadpoolctl, in a virtual
# environment outside the repository ($WAREHOUSE_VENV, default /tmp/warehouse-venv), made on
# first use and reused after.
python_env() {
    local venv=${WAREHOUSE_VENV:-/tmp/warehouse-venv}
    if ! "$venv/bin/python" -c 'import numpy, pandas, sklearn, faker, threadpoolctl' 2>/dev/null; then
        echo "setting up the Python environment in $venv …" >&2
        python3 -m venv "$venv"
        "$venv/bin/pip" install -q --disable-pip-version-check \
            'numpy>=1.26,<3' 'pandas>=2.2,<4' 'scikit-learn>=1.5,<2' 'Faker>=25,<41' 'threadpoolctl>=3.1,<4'
    fi
    py=$venv/bin/python
}

# Sets $py to a Python with numpy (all the reference checks such as evaluate_reference.py need):
# $WAREHOUSE_PYTHON when set, else the virtual environment $WAREHOUSE_VENV (default
# /tmp/warehouse-venv, outside the repository), given numpy on first use and reused after.
numpy_env() {
    if [ -n "${WAREHOUSE_PYTHON:-}" ]; then
        py=$WAREHOUSE_PYTHON
        return
    fi
    local venv=${WAREHOUSE_VENV:-/tmp/warehouse-venv}
    if ! "$venv/bin/python" -c 'import numpy' 2>/dev/null; then
        echo "setting up the Python environment in $venv …" >&2
        python3 -m venv "$venv"
        "$venv/bin/pip" install -q --disable-pip-version-check 'numpy>=1.26,<3'
    fi
    py=$venv/bin/python
}
