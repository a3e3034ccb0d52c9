-- Foundation schema: clinics, staff users, sessions, patients, body measurements, the audit trail.
-- Multi-tenant: every clinical table carries clinic_id, and its primary key and foreign keys include it, so the
-- schema can be distributed by clinic without change. Written for PostgreSQL 15 and PGlite alike.

CREATE TABLE clinics (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  slug        text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  is_demo     boolean NOT NULL DEFAULT false,
  next_mrn    integer NOT NULL DEFAULT 1 CHECK (next_mrn > 0),
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  clinic_id             uuid NOT NULL REFERENCES clinics (id),
  id                    uuid NOT NULL DEFAULT gen_random_uuid(),
  email                 text NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
  display_name          text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
  role                  text NOT NULL CHECK (role IN ('admin', 'physician', 'nurse', 'front_desk')),
  password_hash         text NOT NULL,
  is_active             boolean NOT NULL DEFAULT true,
  failed_login_count    integer NOT NULL DEFAULT 0 CHECK (failed_login_count >= 0),
  last_failed_login_at  timestamptz,
  locked_until          timestamptz,
  created_at            timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (clinic_id, id)
);
-- Staff sign in with an email alone, so an email names one account across the whole installation.
CREATE UNIQUE INDEX users_email_key ON users (email);

CREATE TABLE sessions (
  -- SHA-256 of the random token in the cookie: a copy of this table does not let anyone sign in.
  token_hash           text PRIMARY KEY,
  clinic_id            uuid NOT NULL,
  user_id              uuid NOT NULL,
  csrf_token           text NOT NULL,
  created_at           timestamptz NOT NULL,
  last_seen_at         timestamptz NOT NULL,
  idle_expires_at      timestamptz NOT NULL,
  absolute_expires_at  timestamptz NOT NULL,
  revoked_at           timestamptz,
  ip                   text,
  user_agent           text,
  FOREIGN KEY (clinic_id, user_id) REFERENCES users (clinic_id, id)
);
CREATE INDEX sessions_user_idx ON sessions (clinic_id, user_id);

CREATE TABLE patients (
  -- The clinic is guaranteed through created_by: a user of this clinic (users.clinic_id references clinics).
  clinic_id       uuid NOT NULL,
  id              uuid NOT NULL DEFAULT gen_random_uuid(),
  mrn             text COLLATE "C" NOT NULL,
  family_name     text NOT NULL CHECK (length(family_name) BETWEEN 1 AND 100),
  given_names     text NOT NULL CHECK (length(given_names) BETWEEN 1 AND 100),
  preferred_name  text CHECK (length(preferred_name) <= 100),
  date_of_birth   date NOT NULL CHECK (date_of_birth >= DATE '1900-01-01'),
  sex_at_birth    text NOT NULL CHECK (sex_at_birth IN ('female', 'male', 'intersex', 'unknown')),
  phone           text,
  email           text,
  address         jsonb,
  -- Lower-cased, accent-stripped names, written by the application (core normalizeSearchText). Searched
  -- with LIKE over the clinic's rows: at clinic sizes the planner scans, and an index would only slow writes.
  search_text     text NOT NULL,
  is_demo         boolean NOT NULL DEFAULT false,
  version         integer NOT NULL DEFAULT 1 CHECK (version > 0),
  created_at      timestamptz NOT NULL,
  created_by      uuid NOT NULL,
  updated_at      timestamptz NOT NULL,
  updated_by      uuid NOT NULL,
  PRIMARY KEY (clinic_id, id),
  UNIQUE (clinic_id, mrn),
  FOREIGN KEY (clinic_id, created_by) REFERENCES users (clinic_id, id),
  FOREIGN KEY (clinic_id, updated_by) REFERENCES users (clinic_id, id)
);
CREATE INDEX patients_dob_idx ON patients (clinic_id, date_of_birth);

CREATE TABLE patient_measurements (
  clinic_id    uuid NOT NULL,
  id           uuid NOT NULL DEFAULT gen_random_uuid(),
  patient_id   uuid NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('weight', 'height')),
  -- kg for weight, cm for height; ranges repeat the API's data-entry plausibility ranges.
  value        double precision NOT NULL,
  measured_on  date NOT NULL,
  recorded_at  timestamptz NOT NULL,
  recorded_by  uuid NOT NULL,
  PRIMARY KEY (clinic_id, id),
  FOREIGN KEY (clinic_id, patient_id) REFERENCES patients (clinic_id, id),
  FOREIGN KEY (clinic_id, recorded_by) REFERENCES users (clinic_id, id),
  CHECK ((kind = 'weight' AND value BETWEEN 20 AND 400) OR (kind = 'height' AND value BETWEEN 50 AND 250))
);
CREATE INDEX patient_measurements_history_idx
  ON patient_measurements (clinic_id, patient_id, kind, measured_on DESC, recorded_at DESC);

-- The audit trail stands alone: it names the user by id, email and role as they were at the time, and no
-- key ties it to clinics or users, so nothing done to those tables can block, alter or lose an audit row
-- (and an audited read costs no row lock on the user).
CREATE TABLE audit_events (
  clinic_id    uuid NOT NULL,
  id           bigint GENERATED ALWAYS AS IDENTITY,
  at           timestamptz NOT NULL,
  user_id      uuid,
  user_email   text,
  role         text,
  action       text NOT NULL,
  entity_type  text,
  entity_id    text,
  request_id   text,
  outcome      text NOT NULL CHECK (outcome IN ('success', 'denied', 'failure')),
  detail       jsonb NOT NULL DEFAULT '{}'::jsonb,
  ip           text,
  PRIMARY KEY (clinic_id, id)
);
-- Paging newest-first within a clinic walks the primary key (clinic_id, id) backwards.
CREATE INDEX audit_events_entity_idx ON audit_events (clinic_id, entity_type, entity_id, id DESC);
CREATE INDEX audit_events_user_idx ON audit_events (clinic_id, user_id, id DESC);

-- The audit trail is append-only: no UPDATE, DELETE or TRUNCATE, whoever asks.
CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_events_no_update_delete BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
