-- The patient journey: intake versions and their eligibility result, the physician's signed qualification,
-- signed treatment-plan versions, infusion sessions, the append-only session chart, and monitor-bridge
-- device tokens. Histories are append-only (refuse_history_rewrite from the clinical-rules migration); the
-- infusion_session row is the chart's current-state projection and its version counter for optimistic
-- concurrency. Every table keys on clinic_id.

-- One row per saved version of a patient's intake, with the eligibility result the engine gave on saving
-- (under the clinic settings of that moment).
CREATE TABLE intake_version (
  clinic_id           uuid NOT NULL,
  patient_id          uuid NOT NULL,
  version             integer NOT NULL CHECK (version > 0),
  intake              jsonb NOT NULL CHECK (jsonb_typeof(intake) = 'object'),
  eligibility         jsonb NOT NULL CHECK (jsonb_typeof(eligibility) = 'object'),
  eligibility_status  text NOT NULL
    CHECK (eligibility_status IN ('eligible', 'eligible-with-precautions', 'needs-physician-review', 'not-eligible')),
  created_by          uuid NOT NULL,
  created_by_email    text NOT NULL,
  created_by_role     text NOT NULL,
  created_at          timestamptz NOT NULL,
  PRIMARY KEY (clinic_id, patient_id, version),
  FOREIGN KEY (clinic_id, patient_id) REFERENCES patients (clinic_id, id),
  FOREIGN KEY (clinic_id, created_by) REFERENCES users (clinic_id, id)
);
CREATE TRIGGER intake_version_no_update_delete BEFORE UPDATE OR DELETE ON intake_version
  FOR EACH ROW EXECUTE FUNCTION refuse_history_rewrite();
CREATE TRIGGER intake_version_no_truncate BEFORE TRUNCATE ON intake_version
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_rewrite();

-- A physician's signature on one intake version: the eligibility result re-evaluated at signing, each
-- acknowledged finding with the physician's reason, and when the qualification expires (clinic setting).
CREATE TABLE qualification (
  clinic_id           uuid NOT NULL,
  id                  uuid NOT NULL DEFAULT gen_random_uuid(),
  patient_id          uuid NOT NULL,
  intake_version      integer NOT NULL,
  eligibility         jsonb NOT NULL CHECK (jsonb_typeof(eligibility) = 'object'),
  eligibility_status  text NOT NULL
    CHECK (eligibility_status IN ('eligible', 'eligible-with-precautions', 'needs-physician-review')),
  -- [{ ruleId, ruleVersion, reason }] for every finding that needed an acknowledgement.
  overrides           jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(overrides) = 'array'),
  signed_by           uuid NOT NULL,
  signed_by_email     text NOT NULL,
  signed_by_role      text NOT NULL CHECK (signed_by_role = 'physician'),
  signed_at           timestamptz NOT NULL,
  expires_at          timestamptz NOT NULL CHECK (expires_at > signed_at),
  PRIMARY KEY (clinic_id, id),
  FOREIGN KEY (clinic_id, patient_id, intake_version) REFERENCES intake_version (clinic_id, patient_id, version),
  FOREIGN KEY (clinic_id, signed_by) REFERENCES users (clinic_id, id)
);
CREATE INDEX qualification_patient_idx ON qualification (clinic_id, patient_id, signed_at DESC);
CREATE TRIGGER qualification_no_update_delete BEFORE UPDATE OR DELETE ON qualification
  FOR EACH ROW EXECUTE FUNCTION refuse_history_rewrite();
CREATE TRIGGER qualification_no_truncate BEFORE TRUNCATE ON qualification
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_rewrite();

-- One row per signed version of a treatment plan. A plan is drafted and previewed without saving; signing
-- saves a version. Changing a signed plan signs the next version; earlier versions stay readable.
CREATE TABLE treatment_plan_version (
  clinic_id           uuid NOT NULL,
  plan_id             uuid NOT NULL,
  version             integer NOT NULL CHECK (version > 0),
  patient_id          uuid NOT NULL,
  qualification_id    uuid NOT NULL,
  protocol_id         text NOT NULL,
  protocol_version    integer NOT NULL CHECK (protocol_version > 0),
  -- The protocol definition as it was (library or clinic copy), so the plan reads the same forever.
  protocol            jsonb NOT NULL CHECK (jsonb_typeof(protocol) = 'object'),
  -- Weight used and its basis, each ordered dose with its order check and any override reason.
  dosing              jsonb NOT NULL CHECK (jsonb_typeof(dosing) = 'object'),
  -- [{ sessionNumber, startsAt, durationMin }]
  schedule            jsonb NOT NULL CHECK (jsonb_typeof(schedule) = 'array'),
  -- Model, sampling site and summary of the predicted levels shown when signing.
  prediction          jsonb CHECK (prediction IS NULL OR jsonb_typeof(prediction) = 'object'),
  change_reason       text CHECK (change_reason IS NULL OR length(change_reason) BETWEEN 3 AND 500),
  signed_by           uuid NOT NULL,
  signed_by_email     text NOT NULL,
  signed_by_role      text NOT NULL CHECK (signed_by_role = 'physician'),
  signed_at           timestamptz NOT NULL,
  PRIMARY KEY (clinic_id, plan_id, version),
  FOREIGN KEY (clinic_id, patient_id) REFERENCES patients (clinic_id, id),
  FOREIGN KEY (clinic_id, qualification_id) REFERENCES qualification (clinic_id, id),
  FOREIGN KEY (clinic_id, signed_by) REFERENCES users (clinic_id, id)
);
CREATE INDEX treatment_plan_patient_idx ON treatment_plan_version (clinic_id, patient_id, signed_at DESC);
CREATE TRIGGER treatment_plan_version_no_update_delete BEFORE UPDATE OR DELETE ON treatment_plan_version
  FOR EACH ROW EXECUTE FUNCTION refuse_history_rewrite();
CREATE TRIGGER treatment_plan_version_no_truncate BEFORE TRUNCATE ON treatment_plan_version
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_rewrite();

-- One infusion session of a plan. The row is the current state computed from the chart's entries; `version`
-- rises with every state-changing entry (a stale writer gets 409), `last_seq` numbers the entries.
CREATE TABLE infusion_session (
  clinic_id           uuid NOT NULL,
  id                  uuid NOT NULL DEFAULT gen_random_uuid(),
  patient_id          uuid NOT NULL,
  plan_id             uuid NOT NULL,
  plan_version        integer NOT NULL,
  session_number      integer NOT NULL CHECK (session_number > 0),
  scheduled_start     timestamptz NOT NULL,
  planned_duration_min integer NOT NULL CHECK (planned_duration_min > 0),
  chair               text CHECK (chair IS NULL OR length(chair) BETWEEN 1 AND 40),
  assigned_nurse_id   uuid,
  state               text NOT NULL DEFAULT 'scheduled'
    CHECK (state IN ('scheduled', 'running', 'paused', 'stopped', 'discharged', 'nurse-signed', 'locked', 'cancelled')),
  version             integer NOT NULL DEFAULT 0 CHECK (version >= 0),
  last_seq            integer NOT NULL DEFAULT 0 CHECK (last_seq >= 0),
  created_at          timestamptz NOT NULL,
  updated_at          timestamptz NOT NULL,
  PRIMARY KEY (clinic_id, id),
  UNIQUE (clinic_id, plan_id, plan_version, session_number),
  FOREIGN KEY (clinic_id, patient_id) REFERENCES patients (clinic_id, id),
  FOREIGN KEY (clinic_id, plan_id, plan_version) REFERENCES treatment_plan_version (clinic_id, plan_id, version),
  FOREIGN KEY (clinic_id, assigned_nurse_id) REFERENCES users (clinic_id, id)
);
CREATE INDEX infusion_session_day_idx ON infusion_session (clinic_id, scheduled_start);
CREATE INDEX infusion_session_patient_idx ON infusion_session (clinic_id, patient_id, scheduled_start);

-- Monitor-bridge devices: a token (stored as its SHA-256 hash) that may post vital signs to the sessions of
-- one clinic only.
CREATE TABLE device_token (
  clinic_id           uuid NOT NULL,
  id                  uuid NOT NULL DEFAULT gen_random_uuid(),
  label               text NOT NULL CHECK (length(label) BETWEEN 1 AND 100),
  token_hash          text NOT NULL UNIQUE,
  created_by          uuid NOT NULL,
  created_at          timestamptz NOT NULL,
  revoked_at          timestamptz,
  PRIMARY KEY (clinic_id, id),
  FOREIGN KEY (clinic_id, created_by) REFERENCES users (clinic_id, id)
);

-- The chart: one append-only row per entry (core session-entry.schema.ts). Recorded by a user or by a
-- monitor-bridge device; client_entry_id makes a retried post idempotent.
CREATE TABLE session_entry (
  clinic_id           uuid NOT NULL,
  session_id          uuid NOT NULL,
  seq                 integer NOT NULL CHECK (seq > 0),
  kind                text NOT NULL,
  data                jsonb NOT NULL CHECK (jsonb_typeof(data) = 'object' AND data->>'kind' = kind),
  occurred_at         timestamptz NOT NULL,
  recorded_at         timestamptz NOT NULL,
  recorded_by         uuid,
  recorded_by_email   text,
  recorded_by_role    text,
  device_id           uuid,
  client_entry_id     uuid,
  PRIMARY KEY (clinic_id, session_id, seq),
  UNIQUE (clinic_id, session_id, client_entry_id),
  FOREIGN KEY (clinic_id, session_id) REFERENCES infusion_session (clinic_id, id),
  FOREIGN KEY (clinic_id, recorded_by) REFERENCES users (clinic_id, id),
  FOREIGN KEY (clinic_id, device_id) REFERENCES device_token (clinic_id, id),
  CHECK ((recorded_by IS NOT NULL) <> (device_id IS NOT NULL)),
  CHECK (recorded_by IS NULL OR (recorded_by_email IS NOT NULL AND recorded_by_role IS NOT NULL))
);
CREATE TRIGGER session_entry_no_update_delete BEFORE UPDATE OR DELETE ON session_entry
  FOR EACH ROW EXECUTE FUNCTION refuse_history_rewrite();
CREATE TRIGGER session_entry_no_truncate BEFORE TRUNCATE ON session_entry
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_rewrite();
