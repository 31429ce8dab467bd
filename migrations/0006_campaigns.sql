-- 0006: campaigns. Every run's segments
-- get a descriptive name, generated from what the segment over-likes (affinity index) and who it
-- is (age profile), e.g. 'Football & basketball fans, 18-24'; `warehouse name` replaces one with a
-- name of the user's (source 'user'). Names are unique within a run.
CREATE TABLE segment_names (
    run_id  INTEGER NOT NULL REFERENCES segmentation_runs(id) ON DELETE CASCADE,
    segment INTEGER NOT NULL CHECK (segment >= 1),
    name    TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
    source  TEXT NOT NULL CHECK (source IN ('generated', 'user')),
    PRIMARY KEY (run_id, segment),
    UNIQUE (run_id, name)
) STRICT, WITHOUT ROWID;
