-- 0009: what users do, over time. Every interaction (a like, a comment, a share, a search, or a
-- platform's own kind: a view, a rating, a purchase) with its second, its kind and the
-- subcategory it counts toward.

-- The kinds of interaction. 1-4 are the seed's; an import adds the platform's own kinds by name.
-- `min_value`: an interaction of this kind that carries a value (a rating) counts as interest only
-- when its value is at least this; NULL: every interaction of the kind counts.
CREATE TABLE interaction_kinds (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 64),
    min_value REAL CHECK (min_value IS NULL OR (min_value = min_value AND abs(min_value) < 1e300))
) STRICT;
INSERT INTO interaction_kinds (id, name) VALUES (1, 'like'), (2, 'comment'), (3, 'share'), (4, 'search');

-- A platform's items (posts, films, products) by its own id, and the subcategories each is in.
CREATE TABLE items (
    id          INTEGER PRIMARY KEY,
    external_id TEXT NOT NULL UNIQUE CHECK (length(external_id) BETWEEN 1 AND 200)
) STRICT;
CREATE TABLE item_subcategories (
    item_id        INTEGER NOT NULL REFERENCES items(id),
    subcategory_id INTEGER NOT NULL REFERENCES subcategories(id),
    PRIMARY KEY (item_id, subcategory_id)
) STRICT, WITHOUT ROWID;

-- One row per interaction and subcategory it counts toward (an item in two subcategories gives
-- two rows). Clustered by day, then user: a time window is one contiguous key range per day,
-- read in user order, so a windowed segmentation reads only the window's rows and never sorts.
-- The moment is `day * 86400 + second`, Unix seconds (UTC). `ordinal` tells apart interactions
-- that agree on every other key column (two likes of one subcategory in the same second).
CREATE TABLE interactions (
    day            INTEGER NOT NULL CHECK (day BETWEEN 0 AND 2932896),
    user_id        INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    second         INTEGER NOT NULL CHECK (second BETWEEN 0 AND 86399),
    kind_id        INTEGER NOT NULL REFERENCES interaction_kinds(id),
    subcategory_id INTEGER NOT NULL REFERENCES subcategories(id),
    item_id        INTEGER NOT NULL DEFAULT 0,
    ordinal        INTEGER NOT NULL DEFAULT 0 CHECK (ordinal >= 0),
    value          REAL CHECK (value IS NULL OR (value = value AND abs(value) < 1e300)),
    keyword        TEXT CHECK (keyword IS NULL OR length(keyword) BETWEEN 1 AND 200),
    PRIMARY KEY (day, user_id, second, kind_id, subcategory_id, item_id, ordinal)
) STRICT, WITHOUT ROWID;

-- The interface for analysts: one row per interaction and subcategory; `occurred_at` in Unix
-- seconds (UTC), `kind` the kind's name.
CREATE VIEW user_interactions AS
SELECT i.user_id, i.day * 86400 + i.second AS occurred_at, k.name AS kind, i.subcategory_id
FROM interactions AS i
JOIN interaction_kinds AS k ON k.id = i.kind_id;

-- The truth of a seeded user whose interest drifts: from `from_at` (Unix seconds) on, the user
-- has persona `persona_id` (before it, the persona the user started with). Users who keep their
-- persona have no row; `user_personas` holds each user's persona at the seed's as-of moment.
CREATE TABLE user_persona_changes (
    user_id         INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    from_at         INTEGER NOT NULL,
    initial_persona INTEGER NOT NULL REFERENCES personas(id),
    persona_id      INTEGER NOT NULL REFERENCES personas(id)
) STRICT;

-- How a run weighs interactions over time; a run without a row counts all-time likes.
-- A user's count for subcategory j is Σ weight(kind) · 2^(−(as_of − t) / half_life) over the
-- user's interactions with as_of − window < t ≤ as_of that count toward j.
CREATE TABLE run_windows (
    run_id            INTEGER PRIMARY KEY REFERENCES segmentation_runs(id) ON DELETE CASCADE,
    as_of             INTEGER NOT NULL,                                  -- Unix seconds
    window_seconds    INTEGER CHECK (window_seconds IS NULL OR window_seconds > 0),       -- NULL: all time
    half_life_seconds INTEGER CHECK (half_life_seconds IS NULL OR half_life_seconds > 0), -- NULL: no decay
    weights           TEXT NOT NULL CHECK (json_valid(weights))          -- {"like": 1, ...}; kinds not named weigh 0
) STRICT;
