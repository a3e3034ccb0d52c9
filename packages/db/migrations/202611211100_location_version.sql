-- A registered location can be changed from the web app (PATCH /api/ledger/locations/:id: its name, DEA
-- registration, address or activity, with a reason kept in the audit row). `version` counts its changes:
-- an edit names the version it read and is refused when someone changed the location in between. Ledger
-- entries are not touched; reports print the location's current registration.
ALTER TABLE registered_location ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version > 0);
