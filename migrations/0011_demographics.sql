-- 0011: who users are. Gender, place, phone and date of birth per user, for targeting filters,
-- latent-class covariates and customer lists with several identifiers; username, e-mail and full
-- name become optional (a platform may export ids only).
--
-- `users` is rebuilt (SQLite cannot relax NOT NULL in place) by the documented procedure: the
-- migrator runs this with foreign keys off and checks them before it commits. Ids are kept, so
-- every table that refers to a user still does. `user_profiles` refers to `users`, so it is
-- dropped first and created again with the new columns.
--
-- Values, as stored (the import normalises what it reads to these forms):
--   gender        'female', 'male' or 'other'; NULL: not disclosed.
--   country       ISO 3166-1 alpha-2, upper case ('DE').
--   region, city  display text as the platform gives it ('Bayern', 'München').
--   postal_code   as written in the country ('80331', 'SW1A 1AA').
--   phone         E.164: '+', the country code and the national number, 8 to 15 digits in all.
--   date_of_birth ISO date 'YYYY-MM-DD' that exists in the calendar (date() alone accepts 02-30;
--                 adding '+0 days' normalises it to 03-02, so the check compares the two).
DROP VIEW user_profiles;

CREATE TABLE users_new (
    id            INTEGER PRIMARY KEY,
    username      TEXT CHECK (username IS NULL OR length(username) > 0),
    full_name     TEXT CHECK (full_name IS NULL OR length(full_name) > 0),
    email         TEXT CHECK (email IS NULL OR email LIKE '%_@_%'),
    age           INTEGER NOT NULL CHECK (age BETWEEN 0 AND 150),
    liked_posts   INTEGER NOT NULL CHECK (liked_posts >= 0),
    seed_batch_id INTEGER REFERENCES seed_batches(id),
    gender        TEXT CHECK (gender IN ('female', 'male', 'other')),
    country       TEXT CHECK (country IS NULL OR (length(country) = 2 AND country GLOB '[A-Z][A-Z]')),
    region        TEXT CHECK (region IS NULL OR length(region) BETWEEN 1 AND 200),
    city          TEXT CHECK (city IS NULL OR length(city) BETWEEN 1 AND 200),
    postal_code   TEXT CHECK (postal_code IS NULL OR length(postal_code) BETWEEN 1 AND 20),
    phone         TEXT CHECK (phone IS NULL OR (phone GLOB '+[1-9]*' AND length(phone) BETWEEN 9 AND 16
                                                AND NOT substr(phone, 2) GLOB '*[^0-9]*')),
    date_of_birth TEXT CHECK (date_of_birth IS NULL OR (length(date_of_birth) = 10 AND date(date_of_birth, '+0 days') IS date_of_birth))
) STRICT;
INSERT INTO users_new (id, username, full_name, email, age, liked_posts, seed_batch_id)
SELECT id, username, nullif(full_name, ''), email, age, liked_posts, seed_batch_id FROM users;
DROP TABLE users;
ALTER TABLE users_new RENAME TO users;
CREATE UNIQUE INDEX users_username ON users(username);
CREATE UNIQUE INDEX users_email ON users(email);

-- Latent-class covariates by gender too: `segmentation_runs.covariates` takes 'gender' (four
-- groups: female, male, other, undisclosed) and 'age-group,gender' (the 28 cells of both), so the
-- table is rebuilt like `users` (its CHECK cannot change in place); the views on it go and come back
-- unchanged. A group's weights keep their table, whose column now names any mixing group:
-- an age group ('25-34'), a gender ('female', 'undisclosed') or both ('25-34/female').
DROP VIEW latest_run;
DROP VIEW latest_segments;
CREATE TABLE segmentation_runs_new (
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
    seconds             REAL NOT NULL,
    engine              TEXT NOT NULL DEFAULT 'warehouse' CHECK (length(engine) > 0),
    source              TEXT CHECK (source IS NULL OR json_valid(source)),
    method              TEXT NOT NULL DEFAULT 'kmeans' CHECK (method IN ('kmeans', 'latent-class')),
    ceiling_ari         REAL CHECK (ceiling_ari IS NULL OR ceiling_ari BETWEEN -1 AND 1),
    covariates          TEXT CHECK (covariates IS NULL OR covariates IN ('age-group', 'gender', 'age-group,gender'))
) STRICT;
INSERT INTO segmentation_runs_new SELECT
    id, created_at, k, n_components, features, feature_count, seed, n_init, max_iter, tol, users, users_without_likes,
    max_user_id, inertia, iterations, silhouette, silhouette_sample, suggested_k, explained_variance, ari, aligned_to,
    threads, seconds, engine, source, method, ceiling_ari, covariates
FROM segmentation_runs;
DROP TABLE segmentation_runs;
ALTER TABLE segmentation_runs_new RENAME TO segmentation_runs;
CREATE VIEW latest_run AS
SELECT * FROM segmentation_runs ORDER BY id DESC LIMIT 1;
CREATE VIEW latest_segments AS
SELECT a.user_id, a.segment
FROM segment_assignments AS a
WHERE a.run_id = (SELECT max(id) FROM segmentation_runs);
ALTER TABLE latent_class_group_weights RENAME COLUMN age_group TO mixing_group;

-- The planted gender of each persona's users: P(gender | persona), 'undisclosed' for users who
-- give none (stored NULL in users.gender). With persona_age_weights it fixes the seed's joint law:
-- P(persona, gender | age group) = P(persona | age group) · P(gender | persona). Seeds only.
CREATE TABLE persona_gender_weights (
    persona_id INTEGER NOT NULL REFERENCES personas(id),
    gender     TEXT NOT NULL CHECK (gender IN ('female', 'male', 'other', 'undisclosed')),
    weight     REAL NOT NULL CHECK (weight >= 0 AND weight <= 1),
    PRIMARY KEY (persona_id, gender)
) STRICT, WITHOUT ROWID;

-- The wide view, as in 0002, with gender and country after the age group.
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
    u.gender,
    u.country,
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

-- The long views carry who the user is, so a filter needs no join (the user's row is found by
-- its key; a query that does not name these columns does not read it).
DROP VIEW user_category_likes;
CREATE VIEW user_category_likes AS
SELECT l.user_id, c.name AS category, sum(l.likes) AS likes, u.age, u.gender, u.country
FROM user_likes AS l
JOIN subcategories AS s ON s.id = l.subcategory_id
JOIN categories AS c ON c.id = s.category_id
LEFT JOIN users AS u ON u.id = l.user_id
GROUP BY l.user_id, c.id;

DROP VIEW user_interactions;
CREATE VIEW user_interactions AS
SELECT i.user_id, i.day * 86400 + i.second AS occurred_at, k.name AS kind, i.subcategory_id, u.age, u.gender, u.country
FROM interactions AS i
JOIN interaction_kinds AS k ON k.id = i.kind_id
LEFT JOIN users AS u ON u.id = i.user_id;
