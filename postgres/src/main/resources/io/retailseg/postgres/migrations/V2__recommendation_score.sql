-- Version 2: every recommendation has the recommender's score and the reason it was made (issue 11).
-- Rows published by version 1 keep NULL in both.
ALTER TABLE ${schema}.recommendations ADD COLUMN score double precision,
    ADD COLUMN reason text;
CREATE OR REPLACE VIEW ${schema}.latest_recommendations AS
    SELECT r.* FROM ${schema}.recommendations r JOIN ${schema}.latest_run l USING (run_id);
