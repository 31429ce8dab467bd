-- 0010: predicting what users do next. How well rankings predicted it (`warehouse evaluate`): one row per
-- evaluation: the cut, the horizon, what counted as positive and the segmentation fitted on the
-- past; one row per variant, ranker and metric with its 95% bootstrap interval and its
-- difference from the best baseline on the same users. And each run's predictive model.

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

-- A run's predictive model (what recommend, target and audience --interest rank by): each
-- segment's Dirichlet concentration over the subcategories, and its mixing weight per age group.
-- A user with counts x in age group g gets, per subcategory j, the predicted share of their next
-- positive interactions p_j = Σ_s r_s (x_j + α_sj) / (Σx + Σ_j α_sj), r_s ∝ weight_gs · DM(x | α_s).
CREATE TABLE segment_priors (
    run_id         INTEGER NOT NULL REFERENCES segmentation_runs(id),
    segment        INTEGER NOT NULL CHECK (segment >= 1),
    subcategory_id INTEGER NOT NULL REFERENCES subcategories(id),
    alpha          REAL NOT NULL CHECK (alpha > 0 AND alpha <= 1e6),
    PRIMARY KEY (run_id, segment, subcategory_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE segment_prior_weights (
    run_id    INTEGER NOT NULL REFERENCES segmentation_runs(id),
    age_group TEXT NOT NULL CHECK (age_group IN ('<18', '18-24', '25-34', '35-44', '45-54', '55-64', '65+')),
    segment   INTEGER NOT NULL CHECK (segment >= 1),
    weight    REAL NOT NULL CHECK (weight >= 0 AND weight <= 1),
    PRIMARY KEY (run_id, age_group, segment)
) STRICT, WITHOUT ROWID;
