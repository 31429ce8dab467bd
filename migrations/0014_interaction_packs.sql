-- 0014: a packed copy of `interactions` for windowed reads. A windowed segmentation at a million
-- users reads some 22 million rows; SQLite's cost per row (stepping, decoding a record) is the
-- floor of any read of `interactions`, so no read of it row by row gets near a columnar engine.
-- `interaction_packs` holds the same rows, one SQLite row per day and bucket of 4,096 user ids
-- (bucket = user_id >> 12; `id` = day * 2^29 + bucket, so a day's buckets are one rowid range):
-- `words` is one little-endian 64-bit word per interaction, in the table's key order, with its
-- second (bits 0-16), user_id & 4095 (bits 17-28), kind_id (bits 29-45) and subcategory_id (bits
-- 46-63); `vals` is NULL when no interaction of the pack has a value, else one little-endian IEEE
-- double per word (NaN: none). A pack of a year's seed is some 8 KB: a rowid table keeps it in
-- one leaf cell and full overflow pages (a WITHOUT ROWID table would keep at most a quarter of a
-- page in the cell, and waste most of each overflow page). Only user ids 0 ... 2^41 - 1 are
-- packed. A derived cache: a windowed `run-segmentation` or an `evaluate` that finds it not
-- current builds it, after its own work is stored; readers use it only while
-- `interaction_packs_current` has its row; any write to either table deletes that row.
CREATE TABLE interaction_packs (
    id     INTEGER PRIMARY KEY CHECK (id = day * 536870912 + bucket),
    day    INTEGER NOT NULL CHECK (day BETWEEN 0 AND 2932896),
    bucket INTEGER NOT NULL CHECK (bucket BETWEEN 0 AND 536870911),
    words  BLOB NOT NULL CHECK (length(words) % 8 = 0),
    vals   BLOB CHECK (vals IS NULL OR length(vals) = length(words))
) STRICT;

-- One row while `interaction_packs` holds exactly the rows of `interactions` (`rows` of them).
CREATE TABLE interaction_packs_current (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    rows INTEGER NOT NULL CHECK (rows >= 0)
) STRICT;

-- Any change to the interactions or to the packs makes the packs not current (the builder writes
-- the row above after its last pack). `seed` and `import` drop the first three for the length of
-- their transaction and mark the packs not current themselves: a trigger per row of a load of
-- millions would cost more than the load.
CREATE TRIGGER interactions_insert_outdates_packs AFTER INSERT ON interactions
BEGIN DELETE FROM interaction_packs_current; END;
CREATE TRIGGER interactions_update_outdates_packs AFTER UPDATE ON interactions
BEGIN DELETE FROM interaction_packs_current; END;
CREATE TRIGGER interactions_delete_outdates_packs AFTER DELETE ON interactions
BEGIN DELETE FROM interaction_packs_current; END;
CREATE TRIGGER interaction_packs_insert_outdates_packs AFTER INSERT ON interaction_packs
BEGIN DELETE FROM interaction_packs_current; END;
CREATE TRIGGER interaction_packs_update_outdates_packs AFTER UPDATE ON interaction_packs
BEGIN DELETE FROM interaction_packs_current; END;
CREATE TRIGGER interaction_packs_delete_outdates_packs AFTER DELETE ON interaction_packs
BEGIN DELETE FROM interaction_packs_current; END;
