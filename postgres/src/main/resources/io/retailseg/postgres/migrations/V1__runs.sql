-- retailseg schema version 1: one row in runs per published run, its rows in the other tables keyed by
-- run_id; the latest_* views show the newest run. ${schema} is the validated, quoted --schema.
-- No foreign keys to runs: the one writer inserts and deletes a run's rows in one transaction, and a
-- foreign key would check every copied row against runs (a per-row trigger, the bulk of the load time).

CREATE TABLE ${schema}.runs (
    run_id        text PRIMARY KEY,
    started_at    timestamptz NOT NULL,
    finished_at   timestamptz NOT NULL,
    published_at  timestamptz NOT NULL DEFAULT now(),
    input         jsonb NOT NULL,
    config        jsonb NOT NULL,
    metrics       jsonb NOT NULL,
    chosen_k      integer NOT NULL,
    k_reason      text NOT NULL,
    summary       jsonb NOT NULL,
    model         jsonb NOT NULL
);

CREATE TABLE ${schema}.customers (
    run_id                          text NOT NULL,
    customer_id                     bigint NOT NULL,
    days_since_last_purchase        double precision NOT NULL,
    total_transactions              double precision NOT NULL,
    total_products_purchased        double precision NOT NULL,
    total_spend                     double precision NOT NULL,
    average_transaction_value       double precision NOT NULL,
    unique_products_purchased       double precision NOT NULL,
    average_days_between_purchases  double precision NOT NULL,
    day_of_week                     double precision NOT NULL,
    hour                            double precision NOT NULL,
    is_uk                           double precision NOT NULL,
    cancellation_frequency          double precision NOT NULL,
    cancellation_rate               double precision NOT NULL,
    monthly_spending_mean           double precision NOT NULL,
    monthly_spending_std            double precision NOT NULL,
    spending_trend                  double precision NOT NULL,
    is_outlier                      boolean NOT NULL,
    outlier_score                   double precision NOT NULL,
    segment                         integer,
    pcs                             double precision[],
    PRIMARY KEY (run_id, customer_id)
);

CREATE TABLE ${schema}.segments (
    run_id          text NOT NULL,
    segment         integer NOT NULL,
    name            text NOT NULL,
    size            integer NOT NULL,
    revenue_share   double precision NOT NULL,
    profile         jsonb NOT NULL,
    PRIMARY KEY (run_id, segment)
);

CREATE TABLE ${schema}.top_products (
    run_id       text NOT NULL,
    segment      integer NOT NULL,
    rank         integer NOT NULL,
    stock_code   text NOT NULL,
    description  text NOT NULL,
    quantity     bigint NOT NULL,
    PRIMARY KEY (run_id, segment, rank)
);

-- Columns are added by later versions (ALTER TABLE ... ADD COLUMN), so a loader names its columns.
CREATE TABLE ${schema}.recommendations (
    run_id       text NOT NULL,
    customer_id  bigint NOT NULL,
    segment      integer NOT NULL,
    rank         integer NOT NULL,
    stock_code   text NOT NULL,
    description  text NOT NULL,
    PRIMARY KEY (run_id, customer_id, rank)
);

CREATE VIEW ${schema}.latest_run AS
    SELECT * FROM ${schema}.runs ORDER BY finished_at DESC, run_id DESC LIMIT 1;
CREATE VIEW ${schema}.latest_customers AS
    SELECT c.* FROM ${schema}.customers c JOIN ${schema}.latest_run l USING (run_id);
CREATE VIEW ${schema}.latest_segments AS
    SELECT s.* FROM ${schema}.segments s JOIN ${schema}.latest_run l USING (run_id);
CREATE VIEW ${schema}.latest_top_products AS
    SELECT p.* FROM ${schema}.top_products p JOIN ${schema}.latest_run l USING (run_id);
CREATE VIEW ${schema}.latest_recommendations AS
    SELECT r.* FROM ${schema}.recommendations r JOIN ${schema}.latest_run l USING (run_id);
