-- 0012: one affinity. The warehouse answers "which segments for this ad?" with one number, lift:
-- how many times as likely as everyone a segment's members are to engage with an interest, shrunk
-- toward everyone by a prior worth 100 users so that low support cannot top a list:
--   lift = ((users_liking + 100 · p) / (members + 100)) / p,   p = everyone's share of users liking it
-- (1: like everyone; 2: twice as likely). `name`, `target`, `target --interest`, the report and
-- these columns give the same number for the same members.
--
-- segment_profiles.lift was the segment's share of likes ÷ everyone's (a ratio that ranks rare
-- interests first); it is recomputed here for every stored run from the run's own counts: the
-- members are segments.users, p is Σ users_liking ÷ Σ users over the run's segments. NULL where
-- nobody in the run likes the subcategory. share (of the segment's likes) is unchanged.
UPDATE segment_profiles AS p
SET lift = CASE
    WHEN e.engaged > 0 AND m.members > 0
    THEN ((p.users_liking + 100.0 * e.engaged / m.members) / (s.users + 100.0)) / (1.0 * e.engaged / m.members)
    END
FROM segments AS s,
     (SELECT run_id, subcategory_id, sum(users_liking) AS engaged FROM segment_profiles GROUP BY run_id, subcategory_id) AS e,
     (SELECT run_id, sum(users) AS members FROM segments GROUP BY run_id) AS m
WHERE s.run_id = p.run_id AND s.segment = p.segment
  AND e.run_id = p.run_id AND e.subcategory_id = p.subcategory_id
  AND m.run_id = p.run_id;

-- `target`'s stored profile gains the same lift over the members it counted (fitted and assigned);
-- user_index and like_index stay (the raw ratios × 100). Rows stored before this have NULL: the
-- next `target` fills them.
ALTER TABLE segment_affinity ADD COLUMN lift REAL CHECK (lift IS NULL OR lift >= 0);
ALTER TABLE segment_category_affinity ADD COLUMN lift REAL CHECK (lift IS NULL OR lift >= 0);
