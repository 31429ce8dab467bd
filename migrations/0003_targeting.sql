-- 0003: targeting. What `warehouse assign` needs to place new users exactly as a run placed its
-- own, and what `warehouse target` computes per run and segment: affinity indexes with their
-- support, the age profile and the planted personas.

-- The rest of the projection: score_c = Σ_f loading(c, f) · (z_f − pca_mean_f), where z_f is
-- (x_f − mean) / std, or exactly 0 for a feature that was constant (zero_variance = 1) in the fit.
-- pca_mean is the mean of z_f over the run's users (about 0, but not exactly). NULL in runs stored
-- without it: `assign` then recomputes both from the run's own users and checks them.
ALTER TABLE feature_scaling ADD COLUMN pca_mean REAL;
ALTER TABLE feature_scaling ADD COLUMN zero_variance INTEGER CHECK (zero_variance IN (0, 1));

-- Affinity, as audience-insight tools report it. The population is every user with a segment in
-- the run (fitted or assigned) at the time of `warehouse target`; a segment s and an interest j:
--   user_share = users_liking(s, j) / users(s)        user_index = 100 · user_share / (the same over the population)
--   like_share = likes(s, j) / likes(s)               like_index = 100 · like_share / (the same over the population)
-- 100: the segment is like everyone; 250: 2.5 times as likely. users_liking and likes are the
-- support: an index over a handful of users is noise. An index is NULL where the population has
-- no users (likes) for j. `target` replaces a run's rows each time it runs.
CREATE TABLE segment_affinity (
    run_id         INTEGER NOT NULL REFERENCES segmentation_runs(id) ON DELETE CASCADE,
    segment        INTEGER NOT NULL CHECK (segment >= 1),
    subcategory_id INTEGER NOT NULL REFERENCES subcategories(id),
    users_liking   INTEGER NOT NULL CHECK (users_liking >= 0),
    user_share     REAL NOT NULL,
    user_index     REAL,
    likes          INTEGER NOT NULL CHECK (likes >= 0),
    like_share     REAL NOT NULL,
    like_index     REAL,
    PRIMARY KEY (run_id, segment, subcategory_id)
) STRICT, WITHOUT ROWID;

-- The same per category (users_liking: users with a like in any of its subcategories).
CREATE TABLE segment_category_affinity (
    run_id       INTEGER NOT NULL REFERENCES segmentation_runs(id) ON DELETE CASCADE,
    segment      INTEGER NOT NULL CHECK (segment >= 1),
    category_id  INTEGER NOT NULL REFERENCES categories(id),
    users_liking INTEGER NOT NULL CHECK (users_liking >= 0),
    user_share   REAL NOT NULL,
    user_index   REAL,
    likes        INTEGER NOT NULL CHECK (likes >= 0),
    like_share   REAL NOT NULL,
    like_index   REAL,
    PRIMARY KEY (run_id, segment, category_id)
) STRICT, WITHOUT ROWID;

-- Each segment's audience when `target` ran: users (fitted + assigned), of them assigned after
-- the run, share of the population, mean age.
CREATE TABLE segment_audiences (
    run_id         INTEGER NOT NULL REFERENCES segmentation_runs(id) ON DELETE CASCADE,
    segment        INTEGER NOT NULL CHECK (segment >= 1),
    users          INTEGER NOT NULL CHECK (users >= 0),
    assigned_users INTEGER NOT NULL CHECK (assigned_users >= 0 AND assigned_users <= users),
    share          REAL NOT NULL,
    mean_age       REAL,
    computed_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    PRIMARY KEY (run_id, segment)
) STRICT, WITHOUT ROWID;

-- The age profile: users of the segment per age group (the groups of `user_profiles`);
-- affinity_index = 100 · share / (the group's share of the population).
CREATE TABLE segment_age_groups (
    run_id         INTEGER NOT NULL REFERENCES segmentation_runs(id) ON DELETE CASCADE,
    segment        INTEGER NOT NULL CHECK (segment >= 1),
    age_group      TEXT NOT NULL,
    users          INTEGER NOT NULL CHECK (users >= 0),
    share          REAL NOT NULL,
    affinity_index REAL,
    PRIMARY KEY (run_id, segment, age_group)
) STRICT, WITHOUT ROWID;

-- The planted personas of the segment's users (users without one are not counted here; the
-- shares are of all the segment's users); affinity_index as for age groups.
CREATE TABLE segment_personas (
    run_id         INTEGER NOT NULL REFERENCES segmentation_runs(id) ON DELETE CASCADE,
    segment        INTEGER NOT NULL CHECK (segment >= 1),
    persona_id     INTEGER NOT NULL REFERENCES personas(id),
    users          INTEGER NOT NULL CHECK (users >= 0),
    share          REAL NOT NULL,
    affinity_index REAL,
    PRIMARY KEY (run_id, segment, persona_id)
) STRICT, WITHOUT ROWID;
