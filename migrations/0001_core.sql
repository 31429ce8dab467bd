-- 0001: the warehouse core: catalogue, planted personas, users and their likes, seed provenance.
-- Every table is STRICT; foreign keys are declared (connections enable them) and CHECKs hold
-- the invariants a hand edit could break.

CREATE TABLE categories (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE CHECK (length(name) > 0)
) STRICT;

CREATE TABLE subcategories (
    id          INTEGER PRIMARY KEY,
    category_id INTEGER NOT NULL REFERENCES categories(id),
    name        TEXT NOT NULL UNIQUE CHECK (length(name) > 0)
) STRICT;

-- One row per `warehouse seed` call: enough to reproduce it (seed, generator version and
-- every parameter as JSON). Users point at the batch that made them.
CREATE TABLE seed_batches (
    id                INTEGER PRIMARY KEY,
    seed              INTEGER NOT NULL,
    users             INTEGER NOT NULL CHECK (users > 0),
    first_user_id     INTEGER NOT NULL,
    last_user_id      INTEGER NOT NULL CHECK (last_user_id >= first_user_id),
    like_rows         INTEGER NOT NULL CHECK (like_rows >= 0),
    generator_version INTEGER NOT NULL,
    parameters        TEXT NOT NULL CHECK (json_valid(parameters)),
    created_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

-- The planted ground truth: each persona is centred on one category; a member's preference over
-- subcategories is drawn from Dirichlet(alpha) (persona_preferences), and the persona itself is
-- drawn with probability proportional to its weight in the member's age group.
CREATE TABLE personas (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    category_id INTEGER NOT NULL REFERENCES categories(id),
    summary     TEXT NOT NULL
) STRICT;

CREATE TABLE persona_preferences (
    persona_id     INTEGER NOT NULL REFERENCES personas(id),
    subcategory_id INTEGER NOT NULL REFERENCES subcategories(id),
    alpha          REAL NOT NULL CHECK (alpha > 0),
    PRIMARY KEY (persona_id, subcategory_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE persona_age_weights (
    persona_id INTEGER NOT NULL REFERENCES personas(id),
    age_group  TEXT NOT NULL,
    weight     REAL NOT NULL CHECK (weight >= 0),
    PRIMARY KEY (persona_id, age_group)
) STRICT, WITHOUT ROWID;

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL CHECK (length(username) > 0),
    full_name     TEXT NOT NULL,
    email         TEXT NOT NULL CHECK (email LIKE '%_@_%'),
    age           INTEGER NOT NULL CHECK (age BETWEEN 0 AND 150),
    liked_posts   INTEGER NOT NULL CHECK (liked_posts >= 0),
    seed_batch_id INTEGER REFERENCES seed_batches(id)
) STRICT;

CREATE UNIQUE INDEX users_username ON users(username);
CREATE UNIQUE INDEX users_email ON users(email);

-- One row per user and subcategory the user liked at least once. For every user,
-- SUM(likes) = users.liked_posts (checked by the analysis, which refuses a warehouse that breaks it).
CREATE TABLE user_likes (
    user_id        INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    subcategory_id INTEGER NOT NULL REFERENCES subcategories(id),
    likes          INTEGER NOT NULL CHECK (likes > 0),
    PRIMARY KEY (user_id, subcategory_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE user_personas (
    user_id    INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    persona_id INTEGER NOT NULL REFERENCES personas(id)
) STRICT;
