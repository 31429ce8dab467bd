-- 0010: how well rankings predicted what users did next (`warehouse evaluate`). One row per
-- evaluation: the cut, the horizon, what counted as positive and the segmentation fitted on the
-- past; one row per variant, ranker and metric with its 95% bootstrap interval and its
-- difference from the best baseline on the same users.

CREATE TABLE evaluations (
    id                 INTEGER PRIMARY KEY,
    created_at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    -- The cut T (Unix seconds): the past is t <= T, the horizon T < t <= T + horizon_seconds.
    as_of              INTEGER NOT NULL,
    horizon_seconds    INTEGER NOT NULL CHECK (horizon_seconds > 0),
    -- The kinds whose interactions count as positive, comma-separated.
    relevant_kinds     TEXT NOT NULL CHECK (length(relevant_kinds) BETWEEN 1 AND 10000),
    method             TEXT NOT NULL CHECK (method IN ('kmeans', 'latent-class')),
    k                  INTEGER NOT NULL CHECK (k >= 1),
    window_seconds     INTEGER CHECK (window_seconds IS NULL OR window_seconds > 0),
    half_life_seconds  INTEGER CHECK (half_life_seconds IS NULL OR half_life_seconds > 0),
    weights            TEXT NOT NULL,
    seed               INTEGER NOT NULL,
    -- Users with a positive interaction before the cut and one in the horizon; of those, with a
    -- relevant subcategory new to them; users with one in the horizon and none before.
    users_scored       INTEGER NOT NULL CHECK (users_scored >= 0),
    users_new_interest INTEGER NOT NULL CHECK (users_new_interest >= 0),
    users_cold_start   INTEGER NOT NULL CHECK (users_cold_start >= 0),
    resamples          INTEGER NOT NULL CHECK (resamples >= 0),
    seconds            REAL NOT NULL
) STRICT;

CREATE TABLE evaluation_metrics (
    evaluation_id    INTEGER NOT NULL REFERENCES evaluations(id),
    variant          TEXT NOT NULL CHECK (variant IN ('all', 'new_interest', 'cold_start')),
    ranker           TEXT NOT NULL CHECK (ranker IN ('popularity', 'history', 'segment', 'model', 'planted', 'oracle')),
    metric           TEXT NOT NULL CHECK (metric IN ('p_at_3', 'r_at_3', 'ndcg_at_5', 'hit_at_3')),
    users            INTEGER NOT NULL CHECK (users >= 0),
    value            REAL NOT NULL,
    -- The 95% percentile bootstrap interval (NULL without resamples).
    lower            REAL,
    upper            REAL,
    -- The best baseline (popularity, history, segment) on this variant and metric, and this
    -- ranker's difference from it with its paired interval.
    versus           TEXT CHECK (versus IS NULL OR versus IN ('popularity', 'history', 'segment')),
    difference       REAL,
    difference_lower REAL,
    difference_upper REAL,
    PRIMARY KEY (evaluation_id, variant, ranker, metric)
) STRICT, WITHOUT ROWID;
