-- 0002: the analysis. A view of per-user aggregates, and one set of tables per segmentation run
-- (every run is kept, so runs can be compared). Segments are numbered 1…k, 1 the largest.
-- Deleting a run deletes everything of it (ON DELETE CASCADE).

-- Likes per category for every user, the user's age group and top category.
-- Age groups: <18, 18-24, 25-34, 35-44, 45-54, 55-64, 65+.
-- top_category: the category with the most likes; a tie goes to the category listed first
-- (sports, fashion, food, pets, i.e. the lowest id); NULL for a user with no likes.
CREATE VIEW user_profiles AS
SELECT
    u.id AS user_id,
    u.age,
    CASE
        WHEN u.age < 18 THEN '<18'
        WHEN u.age < 25 THEN '18-24'
        WHEN u.age < 35 THEN '25-34'
        WHEN u.age < 45 THEN '35-44'
        WHEN u.age < 55 THEN '45-54'
        WHEN u.age < 65 THEN '55-64'
        ELSE '65+'
    END AS age_group,
    u.liked_posts,
    coalesce(c.sports, 0) AS sports,
    coalesce(c.fashion, 0) AS fashion,
    coalesce(c.food, 0) AS food,
    coalesce(c.pets, 0) AS pets,
    CASE
        WHEN coalesce(c.sports, 0) + coalesce(c.fashion, 0) + coalesce(c.food, 0) + coalesce(c.pets, 0) = 0 THEN NULL
        WHEN c.sports >= c.fashion AND c.sports >= c.food AND c.sports >= c.pets THEN 'sports'
        WHEN c.fashion >= c.food AND c.fashion >= c.pets THEN 'fashion'
        WHEN c.food >= c.pets THEN 'food'
        ELSE 'pets'
    END AS top_category
FROM users AS u
LEFT JOIN (
    SELECT
        l.user_id,
        coalesce(sum(l.likes) FILTER (WHERE s.category_id = 1), 0) AS sports,
        coalesce(sum(l.likes) FILTER (WHERE s.category_id = 2), 0) AS fashion,
        coalesce(sum(l.likes) FILTER (WHERE s.category_id = 3), 0) AS food,
        coalesce(sum(l.likes) FILTER (WHERE s.category_id = 4), 0) AS pets
    FROM user_likes AS l
    JOIN subcategories AS s ON s.id = l.subcategory_id
    GROUP BY l.user_id
) AS c ON c.user_id = u.id;

-- One row per `warehouse run-segmentation`: every setting needed to reproduce it and its scores.
CREATE TABLE segmentation_runs (
    id                  INTEGER PRIMARY KEY,
    created_at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    k                   INTEGER NOT NULL CHECK (k >= 1),
    n_components        INTEGER NOT NULL CHECK (n_components >= 1),
    features            TEXT NOT NULL,             -- the feature sets, comma-separated, e.g. 'category_share'
    feature_count       INTEGER NOT NULL CHECK (feature_count >= 1),
    seed                INTEGER NOT NULL,
    n_init              INTEGER NOT NULL CHECK (n_init >= 1),
    max_iter            INTEGER NOT NULL CHECK (max_iter >= 1),
    tol                 REAL NOT NULL CHECK (tol >= 0),
    users               INTEGER NOT NULL CHECK (users >= 1),   -- users clustered
    users_without_likes INTEGER NOT NULL DEFAULT 0,            -- left out: no interests to segment
    max_user_id         INTEGER NOT NULL,                      -- users after it came later (see assign)
    inertia             REAL NOT NULL CHECK (inertia >= 0),
    iterations          INTEGER NOT NULL,
    silhouette          REAL,                                  -- of the final fit, on a seeded sample
    silhouette_sample   INTEGER,
    suggested_k         INTEGER,                               -- knee of the elbow curve; NULL: no clear knee
    explained_variance  REAL NOT NULL,                         -- share of variance kept by the components
    ari                 REAL,                                  -- adjusted Rand index vs the planted personas
    aligned_to          INTEGER REFERENCES segmentation_runs(id),
    threads             INTEGER NOT NULL,
    seconds             REAL NOT NULL
) STRICT;

-- The z-score of every feature: z = (x - mean) / std (population std; std 1 for a constant feature).
CREATE TABLE feature_scaling (
    run_id        INTEGER NOT NULL REFERENCES segmentation_runs(id) ON DELETE CASCADE,
    feature_index INTEGER NOT NULL,
    feature       TEXT NOT NULL,
    mean          REAL NOT NULL,
    std           REAL NOT NULL CHECK (std > 0),
    PRIMARY KEY (run_id, feature_index)
) STRICT, WITHOUT ROWID;

-- Eigenvalues of the covariance of the standardised features (divided by n - 1), for every
-- component (kept or not), and their share of the total.
CREATE TABLE pca_variance (
    run_id         INTEGER NOT NULL REFERENCES segmentation_runs(id) ON DELETE CASCADE,
    component      INTEGER NOT NULL CHECK (component >= 1),
    variance       REAL NOT NULL,
    variance_ratio REAL NOT NULL,
    kept           INTEGER NOT NULL CHECK (kept IN (0, 1)),
    PRIMARY KEY (run_id, component)
) STRICT, WITHOUT ROWID;

-- Unit eigenvectors of the kept components: score_c = Σ_f loading(c, f) · (z_f - mean z_f).
CREATE TABLE pca_loadings (
    run_id    INTEGER NOT NULL REFERENCES segmentation_runs(id) ON DELETE CASCADE,
    component INTEGER NOT NULL CHECK (component >= 1),
    feature   TEXT NOT NULL,
    loading   REAL NOT NULL,
    PRIMARY KEY (run_id, component, feature)
) STRICT, WITHOUT ROWID;

-- The coordinates k-means clustered.
CREATE TABLE pca_scores (
    run_id    INTEGER NOT NULL REFERENCES segmentation_runs(id) ON DELETE CASCADE,
    user_id   INTEGER NOT NULL,
    component INTEGER NOT NULL CHECK (component >= 1),
    score     REAL NOT NULL,
    PRIMARY KEY (run_id, user_id, component)
) STRICT, WITHOUT ROWID;

CREATE TABLE segment_centroids (
    run_id    INTEGER NOT NULL REFERENCES segmentation_runs(id) ON DELETE CASCADE,
    segment   INTEGER NOT NULL CHECK (segment >= 1),
    component INTEGER NOT NULL CHECK (component >= 1),
    value     REAL NOT NULL,
    PRIMARY KEY (run_id, segment, component)
) STRICT, WITHOUT ROWID;

-- Each user's segment and Euclidean distance to its centroid in PCA space. method: 'fitted' by
-- the run's k-means, or 'assigned' later to the nearest centroid (users who came after the run).
CREATE TABLE segment_assignments (
    run_id   INTEGER NOT NULL REFERENCES segmentation_runs(id) ON DELETE CASCADE,
    user_id  INTEGER NOT NULL,
    segment  INTEGER NOT NULL CHECK (segment >= 1),
    distance REAL NOT NULL CHECK (distance >= 0),
    method   TEXT NOT NULL DEFAULT 'fitted' CHECK (method IN ('fitted', 'assigned')),
    PRIMARY KEY (run_id, user_id)
) STRICT, WITHOUT ROWID;

-- The elbow sweep: inertia (on all users) and silhouette (on a seeded sample) for each k.
CREATE TABLE elbow (
    run_id     INTEGER NOT NULL REFERENCES segmentation_runs(id) ON DELETE CASCADE,
    k          INTEGER NOT NULL CHECK (k >= 1),
    inertia    REAL NOT NULL CHECK (inertia >= 0),
    silhouette REAL,
    PRIMARY KEY (run_id, k)
) STRICT, WITHOUT ROWID;

-- One row per segment: its size and profile.
CREATE TABLE segments (
    run_id       INTEGER NOT NULL REFERENCES segmentation_runs(id) ON DELETE CASCADE,
    segment      INTEGER NOT NULL CHECK (segment >= 1),
    users        INTEGER NOT NULL CHECK (users >= 0),
    share        REAL NOT NULL,
    mean_age     REAL,
    mean_liked_posts REAL,
    top_category TEXT,
    PRIMARY KEY (run_id, segment)
) STRICT, WITHOUT ROWID;

-- What each segment likes compared with everyone, per subcategory:
-- mean_likes = likes in the segment / users in the segment;
-- share      = likes in the segment for this subcategory / all likes in the segment;
-- lift       = share / (the same share over all clustered users); 1 = no different from everyone.
-- users_liking = users of the segment with at least one like there (support).
CREATE TABLE segment_profiles (
    run_id         INTEGER NOT NULL REFERENCES segmentation_runs(id) ON DELETE CASCADE,
    segment        INTEGER NOT NULL CHECK (segment >= 1),
    subcategory_id INTEGER NOT NULL REFERENCES subcategories(id),
    mean_likes     REAL NOT NULL,
    share          REAL NOT NULL,
    lift           REAL,
    users_liking   INTEGER NOT NULL,
    PRIMARY KEY (run_id, segment, subcategory_id)
) STRICT, WITHOUT ROWID;

CREATE VIEW latest_run AS
SELECT * FROM segmentation_runs ORDER BY id DESC LIMIT 1;

CREATE VIEW latest_segments AS
SELECT a.user_id, a.segment
FROM segment_assignments AS a
WHERE a.run_id = (SELECT max(id) FROM segmentation_runs);
