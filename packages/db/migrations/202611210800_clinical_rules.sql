-- Clinical rules: each clinic's own values for rule parameters and its own copies of treatment protocols.
-- Both are histories: a change is a new row with the next version, never an update, so "who set this, when,
-- from what, and why" is always answerable. Keys include clinic_id like every clinical table.

-- Refuses UPDATE, DELETE and TRUNCATE on the table it is attached to (history tables are append-only).
CREATE FUNCTION refuse_history_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

-- One row per change of one parameter: the current value is the row with the highest version. A NULL value
-- returns the parameter to its default. Writers insert expected version + 1; the primary key turns a
-- concurrent change into a unique violation instead of a lost update.
CREATE TABLE clinic_setting_change (
  clinic_id         uuid NOT NULL,
  parameter_id      text NOT NULL CHECK (length(parameter_id) BETWEEN 1 AND 120),
  version           integer NOT NULL CHECK (version > 0),
  value             jsonb CHECK (value IS NULL OR jsonb_typeof(value) IN ('number', 'boolean', 'string')),
  previous_value    jsonb CHECK (previous_value IS NULL OR jsonb_typeof(previous_value) IN ('number', 'boolean', 'string')),
  reason            text NOT NULL CHECK (length(reason) BETWEEN 3 AND 500),
  -- The user as they were at the time (their email or role may change later).
  changed_by        uuid NOT NULL,
  changed_by_email  text NOT NULL,
  changed_by_role   text NOT NULL,
  changed_at        timestamptz NOT NULL,
  PRIMARY KEY (clinic_id, parameter_id, version),
  FOREIGN KEY (clinic_id, changed_by) REFERENCES users (clinic_id, id)
);
CREATE TRIGGER clinic_setting_change_no_update_delete BEFORE UPDATE OR DELETE ON clinic_setting_change
  FOR EACH ROW EXECUTE FUNCTION refuse_history_rewrite();
CREATE TRIGGER clinic_setting_change_no_truncate BEFORE TRUNCATE ON clinic_setting_change
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_rewrite();

-- One row per version of a clinic's protocol: the full protocol definition as JSON (validated by the
-- application), and the protocol it was copied from. Editing a protocol adds the next version; earlier
-- versions stay readable, so an order can always be checked against the version it was written under.
CREATE TABLE clinic_protocol_version (
  clinic_id         uuid NOT NULL,
  protocol_id       text NOT NULL CHECK (length(protocol_id) BETWEEN 1 AND 120),
  version           integer NOT NULL CHECK (version > 0),
  definition        jsonb NOT NULL CHECK (jsonb_typeof(definition) = 'object'),
  based_on_id       text NOT NULL,
  based_on_version  integer NOT NULL CHECK (based_on_version > 0),
  reason            text NOT NULL CHECK (length(reason) BETWEEN 3 AND 500),
  created_by        uuid NOT NULL,
  created_by_email  text NOT NULL,
  created_by_role   text NOT NULL,
  created_at        timestamptz NOT NULL,
  PRIMARY KEY (clinic_id, protocol_id, version),
  FOREIGN KEY (clinic_id, created_by) REFERENCES users (clinic_id, id)
);
CREATE TRIGGER clinic_protocol_version_no_update_delete BEFORE UPDATE OR DELETE ON clinic_protocol_version
  FOR EACH ROW EXECUTE FUNCTION refuse_history_rewrite();
CREATE TRIGGER clinic_protocol_version_no_truncate BEFORE TRUNCATE ON clinic_protocol_version
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_rewrite();
