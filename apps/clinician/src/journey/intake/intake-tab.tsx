/**
 * The Intake tab: the structured intake form with the live eligibility screen beside it, saving a new
 * version (a stale save is refused with a clear message), the versions list with older versions readable,
 * and the physician's qualification. A nurse fills and saves intakes; only a physician signs.
 */
import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { Link, useOutletContext, useParams } from 'react-router';
import { isApiError, type IntakeList, type IntakeVersionDto } from '@ketapath/api-client';
import { formatDateTime, todayIso } from '../../data/dates';
import { patientName } from '../../data/patient-labels';
import { useDebouncedValue } from '../../data/use-debounced-value';
import { useResource } from '../../data/use-resource';
import { ErrorSummary, fieldId } from '../../forms/field';
import type { PatientOutletContext } from '../../patients/patient-outlet-context';
import { useCan } from '../../session/session-context';
import { useDocumentTitle } from '../../shell/use-document-title';
import type { Binder } from './bound-fields';
import { LiveEligibilityPanel, EligibilityResultView, StatusBadge } from './eligibility-panel';
import { IntakeForm } from './intake-form';
import {
  addRow,
  buildIntake,
  draftFromIntake,
  draftToObject,
  emptyDraft,
  intakeFieldErrors,
  readDraft,
  removeRow,
  writeDraft,
  type DraftValue,
  type IntakeDraft,
} from './intake-form-model';
import { icdCode, staffLabel } from './intake-labels';
import { journey } from './journey-api';
import { QualificationPanel, QualificationStatus } from './qualification-panel';

const SCREEN_DELAY_MS = 400;

/** The label a field shows, read from the page (with the row it sits in), for the list of problems. */
function labelOf(path: string): string {
  const control = document.getElementById(fieldId(path));
  const label = control ? document.querySelector(`label[for="${control.id}"]`) : null;
  const text = (label?.textContent ?? control?.getAttribute('aria-label') ?? path).replace(/\s*\*\s*$/, '');
  const row = control?.closest('.intake-row')?.querySelector('.intake-row-title')?.textContent;
  return row ? `${row} · ${text}` : text;
}

export function IntakeTab() {
  const { patient } = useOutletContext<PatientOutletContext>();
  useDocumentTitle(`Intake · ${patientName(patient)}`);
  const [revision, setRevision] = useState(0);
  const list = useResource(`intakes#${patient.id}#${revision}`, (signal) =>
    journey.listIntakes(patient.id, { signal }),
  );
  const reload = () => {
    setRevision((r) => r + 1);
  };
  // Kept here: saving remounts the editor on the new version, and the notice must outlive that.
  const [notice, setNotice] = useState<string | null>(null);

  if (list.error && !list.data) {
    return (
      <section className="tab-panel">
        <h2>Intake</h2>
        <p className="banner banner-error" role="alert">
          {list.error.detail}
        </p>
      </section>
    );
  }
  if (!list.data) {
    return (
      <p className="list-status" role="status">
        Loading the intake…
      </p>
    );
  }
  return (
    <IntakeEditor
      key={`${patient.id}#${list.data.current?.version ?? 0}`}
      list={list.data}
      onReload={reload}
      notice={notice}
      onNotice={setNotice}
    />
  );
}

function IntakeEditor({
  list,
  onReload,
  notice,
  onNotice: setNotice,
}: {
  list: IntakeList;
  onReload: () => void;
  notice: string | null;
  onNotice: (notice: string | null) => void;
}) {
  const { patient, reloadPatient } = useOutletContext<PatientOutletContext>();
  const canWrite = useCan('intake:write');
  const canSign = useCan('qualification:sign');
  const [today] = useState(todayIso);
  const current = list.current;
  const [initial] = useState<IntakeDraft>(() =>
    current ? draftFromIntake(current.intake) : emptyDraft(patient, today),
  );
  const [draft, setDraft] = useState(initial);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [showAll, setShowAll] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [summary, setSummary] = useState<{ errors: Record<string, string>; labels: Record<string, string> }>({
    errors: {},
    labels: {},
  });
  const [conflict, setConflict] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);

  const built = useMemo(() => buildIntake(draft), [draft]);
  const settled = useDebouncedValue(draft, SCREEN_DELAY_MS);
  const settledBuilt = useMemo(() => buildIntake(settled), [settled]);
  const screenKey = settledBuilt.ok ? JSON.stringify(settledBuilt.intake) : null;
  const screen = useResource(screenKey, (signal) =>
    settledBuilt.ok
      ? journey.screenEligibility(settledBuilt.intake, { signal })
      : Promise.reject(new Error('incomplete')),
  );
  const isDirty = useMemo(
    () => JSON.stringify(draftToObject(draft)) !== JSON.stringify(draftToObject(initial)),
    [draft, initial],
  );

  useEffect(() => {
    if (!isDirty) return;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => {
      window.removeEventListener('beforeunload', warn);
    };
  }, [isDirty]);

  const b: Binder = {
    readOnly: !canWrite,
    value: (path) => readDraft(draft, path),
    set: (path: string, value: DraftValue) => {
      setNotice(null);
      setDraft((d) => {
        let next = writeDraft(d, path, value);
        // A code from REFERENCE §8.1 fills the diagnosis and condition while they are still empty.
        if (path === 'pain.primaryCondition.code' && typeof value === 'string') {
          const known = icdCode(value);
          if (known) {
            if (readDraft(next, 'pain.primaryCondition.label') === '')
              next = writeDraft(next, 'pain.primaryCondition.label', known.title);
            if (readDraft(next, 'pain.conditionCategory') === '')
              next = writeDraft(next, 'pain.conditionCategory', known.category);
          }
        }
        return next;
      });
      if (path in serverErrors) setServerErrors(({ [path]: _gone, ...rest }) => rest);
    },
    error: (path) => serverErrors[path] ?? (showAll || touched.has(path) ? built.errors[path] : undefined),
  };

  async function save() {
    setFormError(null);
    setConflict(null);
    setNotice(null);
    if (!built.ok) {
      setShowAll(true);
      const labels: Record<string, string> = {};
      for (const path of Object.keys(built.errors)) labels[path] = labelOf(path);
      setSummary({ errors: built.errors, labels });
      const first = Object.keys(built.errors).find((p) => document.getElementById(fieldId(p)));
      if (first) document.getElementById(fieldId(first))?.focus();
      return;
    }
    setSummary({ errors: {}, labels: {} });
    setIsSaving(true);
    try {
      const saved = await journey.saveIntake(patient.id, {
        intake: built.intake,
        expectedVersion: current?.version ?? 0,
      });
      setNotice(`Saved intake version ${saved.version}: ${saved.eligibility.status.replace(/-/g, ' ')}.`);
      onReload();
      reloadPatient();
    } catch (e) {
      if (isApiError(e) && e.code === 'INTAKE_VERSION_CONFLICT') {
        setConflict(
          `${e.detail} Someone else saved a newer version of this intake while you were editing; yours was not saved.`,
        );
      } else if (isApiError(e) && e.errors.length > 0) {
        const errors = intakeFieldErrors(e.fieldErrors());
        setServerErrors(errors);
        const labels: Record<string, string> = {};
        for (const path of Object.keys(errors)) labels[path] = labelOf(path);
        setSummary({ errors, labels });
      } else setFormError(isApiError(e) ? e.detail : 'Saving failed. Try again.');
    } finally {
      setIsSaving(false);
    }
  }

  function onKeyDown(e: KeyboardEvent<HTMLFormElement>) {
    if (e.key !== 'Enter') return;
    if ((e.ctrlKey || e.metaKey) && canWrite) {
      e.preventDefault();
      void save();
    } else if (e.target instanceof HTMLInputElement && e.target.type !== 'checkbox') {
      // Enter in a box moves on instead of saving a new version by accident.
      e.preventDefault();
    }
  }

  const problemCount = Object.keys(built.errors).length;
  const nextVersion = (current?.version ?? 0) + 1;
  return (
    <div className="tab-panel intake-tab">
      <header className="card journey-head">
        <div className="card-head">
          <h2>Intake</h2>
          {current && <StatusBadge status={current.eligibility.status} />}
        </div>
        <p className="muted">
          {current
            ? `Version ${current.version}, saved ${formatDateTime(current.createdAt)} by ${staffLabel(current.createdBy)}. Saving makes version ${nextVersion}.`
            : 'No intake saved yet. Saving makes version 1.'}
        </p>
        <QualificationStatus
          qualification={list.qualification}
          latestIntakeVersion={current?.version ?? null}
        />
        {!canWrite && <p className="muted">Your role reads intakes; it does not change them.</p>}
      </header>
      {notice && (
        <p className="banner banner-ok" role="status">
          <span aria-hidden="true">✓ </span>
          {notice}
        </p>
      )}
      <div className="intake-layout">
        <div className="intake-main">
          <form
            noValidate
            aria-label="Intake form"
            onSubmit={(e) => {
              e.preventDefault();
              void save();
            }}
            onKeyDown={onKeyDown}
            onBlur={(e) => {
              const target: EventTarget = e.target;
              const name =
                target instanceof HTMLInputElement || target instanceof HTMLSelectElement ? target.name : '';
              if (name && !touched.has(name)) setTouched((t) => new Set(t).add(name));
            }}
          >
            <ErrorSummary
              title="The intake was not saved. Correct these fields:"
              errors={summary.errors}
              labels={summary.labels}
            />
            <IntakeForm
              b={b}
              lists={draft.lists}
              onAddRow={(l) => {
                setDraft((d) => addRow(d, l));
              }}
              onRemoveRow={(l, i) => {
                setDraft((d) => removeRow(d, l, i));
              }}
            />
            {conflict && (
              <div className="banner banner-error" role="alert">
                <p className="banner-title">Not saved: the intake changed meanwhile</p>
                <p>{conflict}</p>
                <p>
                  <button type="button" className="button" onClick={onReload}>
                    Load the newest version (discards your changes)
                  </button>
                </p>
              </div>
            )}
            {formError && (
              <p className="banner banner-error" role="alert">
                {formError}
              </p>
            )}
            {canWrite && (
              <div className="form-actions intake-actions">
                <button type="submit" className="button button-primary" disabled={isSaving}>
                  {isSaving ? 'Saving…' : `Save as version ${nextVersion}`}
                </button>
                <span className="muted small">
                  {isDirty ? 'Unsaved changes. ' : current ? 'No changes since the saved version. ' : ''}
                  <kbd>Ctrl</kbd>+<kbd>Enter</kbd> saves.
                </span>
              </div>
            )}
          </form>
          {canSign && current && (
            <QualificationPanel
              patientId={patient.id}
              intake={current}
              qualification={list.qualification}
              onSigned={() => {
                setNotice('Qualification signed.');
                onReload();
                reloadPatient();
              }}
            />
          )}
          <VersionList list={list} />
        </div>
        <aside className="intake-side" aria-label="Eligibility">
          <LiveEligibilityPanel
            result={screen.data}
            isUpdating={screen.isLoading || settled !== draft}
            problemCount={problemCount}
            error={screen.error && screen.error.code !== 'CLIENT_ERROR' ? screen.error.detail : undefined}
          />
        </aside>
      </div>
    </div>
  );
}

function VersionList({ list }: { list: IntakeList }) {
  if (list.versions.length === 0) return null;
  return (
    <section className="card" aria-labelledby="intake-versions-heading">
      <h2 id="intake-versions-heading">Versions</h2>
      <table className="data-table intake-versions">
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Status</th>
            <th scope="col">Saved by</th>
            <th scope="col">When</th>
            <th scope="col">Qualification</th>
          </tr>
        </thead>
        <tbody>
          {[...list.versions]
            .sort((a, b) => b.version - a.version)
            .map((v) => (
              <tr key={v.version} aria-current={v.version === list.current?.version ? 'true' : undefined}>
                <td>
                  <Link to={`v/${v.version}`}>Version {v.version}</Link>
                  {v.version === list.current?.version && <span className="muted"> (current)</span>}
                </td>
                <td>
                  <StatusBadge status={v.eligibilityStatus} />
                </td>
                <td>{staffLabel(v.createdBy)}</td>
                <td>{formatDateTime(v.createdAt)}</td>
                <td>
                  {list.qualification?.intakeVersion === v.version
                    ? `Signed ${formatDateTime(list.qualification.signedAt)}${list.qualification.expired ? ' (expired)' : ''}`
                    : '—'}
                </td>
              </tr>
            ))}
        </tbody>
      </table>
    </section>
  );
}

/** An older (or the current) intake version, read-only, with the eligibility saved with it. */
export function IntakeVersionTab() {
  const { patient } = useOutletContext<PatientOutletContext>();
  const { version: versionText = '' } = useParams();
  const version = Number(versionText);
  useDocumentTitle(`Intake version ${versionText} · ${patientName(patient)}`);
  const loaded = useResource(Number.isInteger(version) ? `${patient.id}#${version}` : null, (signal) =>
    journey.getIntakeVersion(patient.id, version, { signal }),
  );
  const data: IntakeVersionDto | undefined = loaded.data?.version === version ? loaded.data : undefined;
  const draft = useMemo(() => (data ? draftFromIntake(data.intake) : null), [data]);
  const b: Binder | null = draft
    ? { readOnly: true, value: (p) => readDraft(draft, p), set: () => undefined, error: () => undefined }
    : null;
  return (
    <div className="tab-panel intake-tab">
      <p className="breadcrumb">
        <Link to={`/patients/${patient.id}/intake`}>‹ Back to the current intake</Link>
      </p>
      {loaded.error && (
        <p className="banner banner-error" role="alert">
          {loaded.error.detail}
        </p>
      )}
      {data && draft && b && (
        <>
          <header className="card journey-head">
            <div className="card-head">
              <h2>Intake version {data.version} (read-only)</h2>
              <StatusBadge status={data.eligibility.status} />
            </div>
            <p className="muted">
              Saved {formatDateTime(data.createdAt)} by {staffLabel(data.createdBy)}.
            </p>
          </header>
          <div className="intake-layout">
            <div className="intake-main read-only">
              <IntakeForm
                b={b}
                lists={draft.lists}
                onAddRow={() => undefined}
                onRemoveRow={() => undefined}
              />
            </div>
            <aside className="intake-side" aria-label="Eligibility">
              <section className="eligibility-panel" aria-labelledby="saved-eligibility-heading">
                <h2 id="saved-eligibility-heading">Eligibility as saved</h2>
                <EligibilityResultView result={data.eligibility} />
              </section>
            </aside>
          </div>
        </>
      )}
      {!data && !loaded.error && (
        <p className="list-status" role="status">
          Loading version {versionText}…
        </p>
      )}
    </div>
  );
}
