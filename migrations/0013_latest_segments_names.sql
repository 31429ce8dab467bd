-- 0013: the newest run's segments with their names. `latest_segments` gave (user_id, segment)
-- only, so every query that wanted a segment's name joined `segment_names` itself; now the view
-- carries it: `name` is the segment's name in `segment_names` (generated or given with
-- `warehouse name`), NULL for a run made before runs stored names (the commands generate those on
-- demand; the view cannot). The view is dropped and created again, as 0011 did, with the same
-- first two columns, so queries that read (user_id, segment) still do.
DROP VIEW latest_segments;
CREATE VIEW latest_segments AS
SELECT a.user_id, a.segment, n.name
FROM segment_assignments AS a
LEFT JOIN segment_names AS n ON n.run_id = a.run_id AND n.segment = a.segment
WHERE a.run_id = (SELECT max(id) FROM segmentation_runs);
