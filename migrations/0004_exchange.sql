-- Provenance of a run: which engine computed it. Runs of `warehouse run-segmentation` are
-- 'warehouse'; `warehouse import-run` stores 'spark' (or whatever engine the result's meta.json
-- names) and, in `source`, a JSON object with where the result came from and what the engine
-- reported (directory, engine version, master, initialisation, reported inertia and
-- iterations, the exported run it reproduces, the engine's seconds).
ALTER TABLE segmentation_runs ADD COLUMN engine TEXT NOT NULL DEFAULT 'warehouse' CHECK (length(engine) > 0);
ALTER TABLE segmentation_runs ADD COLUMN source TEXT CHECK (source IS NULL OR json_valid(source));
