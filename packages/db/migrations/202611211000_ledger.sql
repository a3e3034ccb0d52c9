-- The controlled-substance ledger (REFERENCE.md §9): registered locations, the append-only ledger with one
-- hash chain per location, the chain heads, and the container projection used for row locks and queries.
--
-- Retention (§9 Retention: at least 2 years, 21 U.S.C. 827(b), 21 CFR 1304.04(a) [S27]): ledger entries are
-- never updated, deleted or truncated, whoever asks (the triggers below), and Ketapath has no purge: an entry
-- therefore cannot be discarded before its retention period, or at all. A correction is a new entry that
-- names the one it corrects (corrects_seq) with a reason.
--
-- Quantities are whole micrograms (…_ug) and microlitres (…_ul) in bigint.

-- A registered location (21 CFR 1304.21(b)–(c): separate records per registered location and activity). The
-- DEA registration is null until the clinic records it; reports then say it is not recorded.
CREATE TABLE registered_location (
  clinic_id           uuid NOT NULL REFERENCES clinics (id),
  id                  uuid NOT NULL DEFAULT gen_random_uuid(),
  name                text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  dea_registration    text CHECK (dea_registration IS NULL OR dea_registration ~ '^[A-Z]{2}[0-9]{7}$'),
  address             text CHECK (address IS NULL OR length(address) BETWEEN 1 AND 500),
  activity            text CHECK (activity IS NULL OR length(activity) BETWEEN 1 AND 100),
  created_at          timestamptz NOT NULL DEFAULT now(),
  created_by          uuid,
  PRIMARY KEY (clinic_id, id),
  UNIQUE (clinic_id, name),
  FOREIGN KEY (clinic_id, created_by) REFERENCES users (clinic_id, id)
);

-- Every clinic has its "Main" location: the existing ones now, new ones as they are created.
INSERT INTO registered_location (clinic_id, name) SELECT id, 'Main' FROM clinics;
CREATE FUNCTION add_main_registered_location() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO registered_location (clinic_id, name) VALUES (NEW.id, 'Main');
  RETURN NEW;
END;
$$;
CREATE TRIGGER clinics_main_registered_location AFTER INSERT ON clinics
  FOR EACH ROW EXECUTE FUNCTION add_main_registered_location();

-- One ledger entry (core ledger.schema.ts LedgerEntry). seq numbers a location's entries from 1 without gaps;
-- hash = sha256 of the canonical content of every column below except hash and client_entry_id (which sits
-- outside the hash: it only recognises a resent request); prev_hash is the previous entry's hash (64 zeros
-- for seq 1).
CREATE TABLE ledger_entry (
  clinic_id           uuid NOT NULL,
  id                  uuid NOT NULL,
  location_id         uuid NOT NULL,
  seq                 integer NOT NULL CHECK (seq > 0),
  kind                text NOT NULL CHECK (kind ~ '^[a-z][a-z-]{1,40}$'),
  occurred_at         timestamptz NOT NULL,
  recorded_at         timestamptz NOT NULL,
  recorded_by         uuid NOT NULL,
  witness_ids         jsonb NOT NULL DEFAULT '[]'
    CHECK (jsonb_typeof(witness_ids) = 'array' AND jsonb_array_length(witness_ids) <= 2),
  container_id        uuid,
  lot                 text CHECK (lot IS NULL OR length(lot) BETWEEN 1 AND 60),
  session_id          uuid,
  patient_id          uuid,
  delta_ug            bigint NOT NULL,
  payload             jsonb NOT NULL CHECK (jsonb_typeof(payload) = 'object' AND payload->>'kind' = kind),
  corrects_seq        integer CHECK (corrects_seq IS NULL OR (corrects_seq > 0 AND corrects_seq < seq)),
  reason              text CHECK (reason IS NULL OR length(reason) BETWEEN 1 AND 4000),
  prev_hash           text NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
  hash                text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
  client_entry_id     uuid,
  PRIMARY KEY (clinic_id, id),
  UNIQUE (clinic_id, location_id, seq),
  UNIQUE (clinic_id, client_entry_id),
  FOREIGN KEY (clinic_id, location_id) REFERENCES registered_location (clinic_id, id),
  FOREIGN KEY (clinic_id, recorded_by) REFERENCES users (clinic_id, id),
  FOREIGN KEY (clinic_id, session_id) REFERENCES infusion_session (clinic_id, id),
  FOREIGN KEY (clinic_id, patient_id) REFERENCES patients (clinic_id, id)
);
CREATE INDEX ledger_entry_session_idx ON ledger_entry (clinic_id, session_id, seq) WHERE session_id IS NOT NULL;
CREATE INDEX ledger_entry_container_idx ON ledger_entry (clinic_id, container_id) WHERE container_id IS NOT NULL;
CREATE INDEX ledger_entry_occurred_idx ON ledger_entry (clinic_id, location_id, occurred_at);
CREATE TRIGGER ledger_entry_no_update_delete BEFORE UPDATE OR DELETE ON ledger_entry
  FOR EACH ROW EXECUTE FUNCTION refuse_history_rewrite();
CREATE TRIGGER ledger_entry_no_truncate BEFORE TRUNCATE ON ledger_entry
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_rewrite();

-- The last entry of each location's chain. An append locks this row FOR UPDATE, so a location's entries are
-- written one after another; `ketapath ledger verify` compares it with the last entry (a deleted tail).
CREATE TABLE ledger_chain_head (
  location_id         uuid PRIMARY KEY,
  clinic_id           uuid NOT NULL,
  last_seq            integer NOT NULL DEFAULT 0 CHECK (last_seq >= 0),
  last_hash           text NOT NULL CHECK (last_hash ~ '^[0-9a-f]{64}$'),
  FOREIGN KEY (clinic_id, location_id) REFERENCES registered_location (clinic_id, id)
);

-- One row per received container (vial): the state the ledger's fold gives it, kept for row locks (a draw
-- locks its vial) and queries. It is a projection, always rebuildable from the ledger. `status` never holds
-- 'expired': that is a question of the date (expires_on < today), asked when read.
CREATE TABLE cs_container (
  clinic_id               uuid NOT NULL,
  id                      uuid NOT NULL,
  location_id             uuid NOT NULL,
  label                   text NOT NULL CHECK (length(label) BETWEEN 1 AND 100),
  lot                     text NOT NULL CHECK (length(lot) BETWEEN 1 AND 60),
  ndc                     text NOT NULL,
  expires_on              date NOT NULL,
  concentration_ug_per_ml bigint NOT NULL CHECK (concentration_ug_per_ml > 0),
  volume_ul               bigint NOT NULL CHECK (volume_ul > 0),
  remaining_ug            bigint NOT NULL CHECK (remaining_ug >= 0),
  remaining_ul            bigint NOT NULL CHECK (remaining_ul >= 0),
  status                  text NOT NULL
    CHECK (status IN ('sealed', 'opened', 'in-use', 'empty', 'quarantined', 'destroyed')),
  version                 integer NOT NULL DEFAULT 1 CHECK (version > 0),
  PRIMARY KEY (clinic_id, id),
  FOREIGN KEY (clinic_id, location_id) REFERENCES registered_location (clinic_id, id)
);
CREATE INDEX cs_container_location_idx ON cs_container (clinic_id, location_id, lot);
