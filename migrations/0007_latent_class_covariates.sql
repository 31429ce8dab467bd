-- 0007: latent-class runs with a concomitant variable (run-segmentation --method latent-class
-- --covariates age-group): the mixing weights depend on the user's age group,
-- p(x | g) = Σ_s weight_{g,s} DM(x | alpha_s), with alpha shared by every group. BIC then counts
-- G * (k - 1) + k * subcategories parameters (latent_class_fits.parameters).

-- The covariate of a run's mixing weights: NULL for one set of weights (every k-means run, every
-- imported run, every latent-class run stored before this migration), 'age-group' for weights
-- per age group (the bands of persona_age_weights).
ALTER TABLE segmentation_runs ADD COLUMN covariates TEXT CHECK (covariates IS NULL OR covariates IN ('age-group'));

-- Mixing weights per age group of a run with covariates: weight = (the group's summed membership
-- probabilities of the segment + 0.01) / (the group's users + 0.01 k), so each group's weights sum
-- to 1 and a group with no users has 1/k. latent_class_components.weight stays the weights
-- averaged over all users.
CREATE TABLE latent_class_group_weights (
    run_id    INTEGER NOT NULL REFERENCES segmentation_runs(id) ON DELETE CASCADE,
    age_group TEXT NOT NULL,
    segment   INTEGER NOT NULL CHECK (segment >= 1),
    weight    REAL NOT NULL CHECK (weight > 0 AND weight <= 1),
    PRIMARY KEY (run_id, age_group, segment)
) STRICT, WITHOUT ROWID;
