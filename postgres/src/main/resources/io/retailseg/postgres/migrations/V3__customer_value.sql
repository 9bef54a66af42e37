-- Version 3: every customer's value (issue 16, docs/definitions.md section 9): P(alive), expected purchase
-- days, expected order value and expected value over the run's horizon. NULL where the run's models say
-- nothing, and in rows published by versions 1 and 2.
ALTER TABLE ${schema}.customers ADD COLUMN p_alive double precision,
    ADD COLUMN expected_purchases double precision,
    ADD COLUMN expected_order_value double precision,
    ADD COLUMN expected_value double precision;
CREATE OR REPLACE VIEW ${schema}.latest_customers AS
    SELECT c.* FROM ${schema}.customers c JOIN ${schema}.latest_run l USING (run_id);
