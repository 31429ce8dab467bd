-- 0005: latent-class segmentation (run-segmentation --method latent-class): a finite mixture of
-- Dirichlet-multinomial distributions over each user's subcategory like counts, fitted by EM.
-- Log-likelihoods are natural logs with the multinomial coefficient included; BIC = -2 ln L +
-- p ln n with p = (k - 1) + k * subcategories; ICL = BIC + 2 * entropy of the memberships;
-- entropy_r2 = 1 - entropy / (n ln k). For BIC and ICL lower is better.

-- How a run clustered ('kmeans' for every run stored before this migration and every imported
-- run), and the ceiling: the adjusted Rand index of the Bayes classifier that knows the stored
-- persona parameters (persona_preferences, persona_age_weights); NULL without planted personas.
ALTER TABLE segmentation_runs ADD COLUMN method TEXT NOT NULL DEFAULT 'kmeans' CHECK (method IN ('kmeans', 'latent-class'));
ALTER TABLE segmentation_runs ADD COLUMN ceiling_ari REAL CHECK (ceiling_ari IS NULL OR ceiling_ari BETWEEN -1 AND 1);

-- Membership probabilities of a latent-class run (NULL for k-means runs): the posterior of the
-- user's segment, the second most probable segment and its posterior (NULL when k = 1). The
-- distance of such a run stays the Euclidean distance to the segment's mean PCA score.
ALTER TABLE segment_assignments ADD COLUMN probability REAL CHECK (probability IS NULL OR (probability > 0 AND probability <= 1));
ALTER TABLE segment_assignments ADD COLUMN runner_up INTEGER CHECK (runner_up IS NULL OR runner_up >= 1);
ALTER TABLE segment_assignments ADD COLUMN runner_up_probability REAL CHECK (runner_up_probability IS NULL OR runner_up_probability BETWEEN 0 AND 1);

-- The fitted mixture of a latent-class run.
CREATE TABLE latent_class_fits (
    run_id         INTEGER PRIMARY KEY REFERENCES segmentation_runs(id) ON DELETE CASCADE,
    users          INTEGER NOT NULL CHECK (users >= 1),
    log_likelihood REAL NOT NULL,
    entropy        REAL NOT NULL CHECK (entropy >= 0),
    parameters     INTEGER NOT NULL CHECK (parameters >= 1),
    bic            REAL NOT NULL,
    icl            REAL NOT NULL,
    entropy_r2     REAL NOT NULL,
    iterations     INTEGER NOT NULL CHECK (iterations >= 0),
    sweep_users    INTEGER,                     -- users the sweep was fitted on (a seeded sample beyond 100,000)
    bic_k          INTEGER CHECK (bic_k IS NULL OR bic_k >= 1)   -- the sweep's k of lowest BIC
) STRICT;

-- Mixing weight and Dirichlet concentration of each segment: p(x) = Σ_s weight_s DM(x | alpha_s).
CREATE TABLE latent_class_components (
    run_id  INTEGER NOT NULL REFERENCES segmentation_runs(id) ON DELETE CASCADE,
    segment INTEGER NOT NULL CHECK (segment >= 1),
    weight  REAL NOT NULL CHECK (weight >= 0 AND weight <= 1),
    PRIMARY KEY (run_id, segment)
) STRICT, WITHOUT ROWID;

CREATE TABLE latent_class_alpha (
    run_id         INTEGER NOT NULL REFERENCES segmentation_runs(id) ON DELETE CASCADE,
    segment        INTEGER NOT NULL CHECK (segment >= 1),
    subcategory_id INTEGER NOT NULL REFERENCES subcategories(id),
    alpha          REAL NOT NULL CHECK (alpha > 0),
    PRIMARY KEY (run_id, segment, subcategory_id)
) STRICT, WITHOUT ROWID;

-- The sweep over k (the --elbow range), each k fitted on the same users.
CREATE TABLE latent_class_sweep (
    run_id         INTEGER NOT NULL REFERENCES segmentation_runs(id) ON DELETE CASCADE,
    k              INTEGER NOT NULL CHECK (k >= 1),
    users          INTEGER NOT NULL CHECK (users >= 1),
    log_likelihood REAL NOT NULL,
    bic            REAL NOT NULL,
    icl            REAL NOT NULL,
    entropy_r2     REAL NOT NULL,
    iterations     INTEGER NOT NULL CHECK (iterations >= 0),
    PRIMARY KEY (run_id, k)
) STRICT, WITHOUT ROWID;
