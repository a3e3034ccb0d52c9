/**
 * The rules and protocols commands in-process: json output equals the engine's result for the same input,
 * the table shows the status, each finding with its thresholds and citations, and every bad input is one
 * line naming the flag or the file and field. (rules.int.test.ts runs the real process once.)
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DomainError, ZIntake, ZOrder, ZOrderHistory, ZOrderPatient, ZSessionSnapshot } from '@ketapath/core';
import {
  checkOrder,
  deriveClinicCopy,
  describeParameters,
  describeRules,
  evaluateEligibility,
  evaluateSession,
  getProtocol,
  listProtocols,
  PARAMETERS,
  PROTOCOL_LIBRARY,
  type NumberParameter,
} from '@ketapath/clinical-rules';
import { REPO_ROOT } from '@ketapath/test-support';
import { runCheckOrder } from './check-order.command.js';
import { runEligibility } from './eligibility.command.js';
import {
  EXAMPLE_INTAKE,
  EXAMPLE_ORDER_PATIENT,
  EXAMPLE_SESSION_SNAPSHOT,
  exampleHistory,
  exampleOrder,
  inputExamples,
} from './examples.js';
import { runRulesList } from './list.command.js';
import { runProtocolsList, runProtocolsShow } from './protocols.command.js';
import { runSession } from './session.command.js';

const dir = mkdtempSync(path.join(tmpdir(), 'ketapath-rules-cli-'));
after(() => {
  rmSync(dir, { recursive: true, force: true });
});

function file(name: string, value: unknown): string {
  const p = path.join(dir, name);
  writeFileSync(p, typeof value === 'string' ? value : JSON.stringify(value));
  return p;
}

/** The one line main.ts prints (after `ketapath: `) for an error of the commands; they all exit 2. */
function oneLine(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof DomainError, `a DomainError (exit 2), got ${String(error)}`);
    assert.equal(error.message.split('\n').length, 1);
    return error.message;
  }
  assert.fail('expected an error');
}

const NOW = '2025-03-10T09:15:00Z';
const CASEBOOK = path.join(REPO_ROOT, 'packages/clinical-rules/casebook');
const casebook = (area: string): { name: string; data: any }[] =>
  readdirSync(path.join(CASEBOOK, area))
    .filter((n) => n.endsWith('.json'))
    .sort()
    .map((name) => ({ name, data: JSON.parse(readFileSync(path.join(CASEBOOK, area, name), 'utf8')) }));
const json = (text: string): unknown => JSON.parse(text);
const roundTrip = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('input examples', () => {
  it('each example is valid for its schema', () => {
    for (const [kind, example] of Object.entries(inputExamples())) {
      const parsed = example.schema.safeParse(example.value);
      assert.ok(parsed.success, `${kind}: ${parsed.success ? '' : JSON.stringify(parsed.error.issues[0])}`);
    }
  });

  it('the example order is one its protocol describes: accepted by the pump reverse check', () => {
    const order = ZOrder.parse(exampleOrder());
    const protocol = getProtocol(order.protocolId, order.protocolVersion);
    assert.ok(protocol);
    const result = checkOrder(
      order,
      ZOrderPatient.parse(EXAMPLE_ORDER_PATIENT),
      protocol,
      {},
      ZOrderHistory.parse(exampleHistory()),
      { now: new Date(NOW) },
    );
    assert.equal(result.reverseCheck.matches, true);
    assert.ok(
      !result.findings.some((f) => f.severity === 'block'),
      JSON.stringify(result.findings.map((f) => f.ruleId)),
    );
  });
});

describe('ketapath rules list', () => {
  it('json lists every rule and every parameter the rules read', () => {
    const listing = json(runRulesList({ format: 'json' })) as {
      rules: unknown[];
      parameters: { id: string }[];
    };
    assert.deepEqual(listing.rules, roundTrip(describeRules()));
    const used = new Set(describeRules().flatMap((r) => r.parameters));
    assert.deepEqual(
      listing.parameters.map((p) => p.id),
      describeParameters()
        .filter((p) => used.has(p.id))
        .map((p) => p.id),
    );
  });

  it('the table shows each rule with its severity, parameter defaults with their basis, and citations', () => {
    const table = runRulesList({});
    const parameters = new Map(describeParameters().map((p) => [p.id, p]));
    for (const rule of describeRules()) {
      assert.ok(table.includes(`${rule.id}@${rule.version}  [${rule.severity}]  ${rule.title}`), rule.id);
      for (const c of rule.citations)
        assert.ok(table.includes(`cites ${c.section}/${c.source}: `), `${rule.id} ${c.section}`);
      for (const id of rule.parameters) {
        const p = parameters.get(id);
        assert.ok(p);
        assert.ok(table.includes(`parameter ${id}: ${p.label} = `), id);
        if (p.default === null)
          assert.ok(table.includes(`parameter ${id}: ${p.label} = no default: clinic must set`), id);
        else assert.ok(table.includes(`(${p.defaultBasis})`), id);
      }
    }
  });

  it('--area keeps one area', () => {
    for (const area of ['eligibility', 'order', 'session', 'discharge', 'ledger'] as const) {
      const listing = json(runRulesList({ area, format: 'json' })) as { rules: { area: string }[] };
      assert.deepEqual(
        listing.rules.map((r) => r.area),
        describeRules()
          .filter((r) => r.area === area)
          .map(() => area),
      );
    }
    assert.equal(
      oneLine(() => runRulesList({ area: 'billing' })),
      '--area: must be one of eligibility, order, session, discharge, ledger',
    );
    assert.equal(
      oneLine(() => runRulesList({ format: 'csv' })),
      '--format: must be one of table, json',
    );
  });
});

describe('ketapath rules eligibility', () => {
  const intakeFile = file('intake.json', EXAMPLE_INTAKE);

  it('json equals evaluateEligibility() for the same intake, settings and time', () => {
    const expected = evaluateEligibility(ZIntake.parse(EXAMPLE_INTAKE), {}, { now: new Date(NOW) });
    const printed = json(runEligibility({ intake: intakeFile, now: NOW, format: 'json' }));
    assert.deepEqual(printed, roundTrip(expected));
    assert.equal((printed as { evaluatedAt: string }).evaluatedAt, '2025-03-10T09:15:00.000Z');
  });

  it('a settings file overrides a default: the finding shows it as the clinic setting', () => {
    const used = evaluateEligibility(
      ZIntake.parse(EXAMPLE_INTAKE),
      {},
      { now: new Date(NOW) },
    ).findings.flatMap((f) => f.parameters);
    const p = PARAMETERS.find(
      (x): x is NumberParameter => x.kind === 'number' && used.some((u) => u.id === x.id),
    );
    const settings = p === undefined ? {} : { [p.id]: p.min };
    const settingsFile = file('settings.json', settings);
    const printed = json(
      runEligibility({ intake: intakeFile, settings: settingsFile, now: NOW, format: 'json' }),
    );
    assert.deepEqual(
      printed,
      roundTrip(evaluateEligibility(ZIntake.parse(EXAMPLE_INTAKE), settings, { now: new Date(NOW) })),
    );
    if (p !== undefined) {
      const text = JSON.stringify(printed);
      assert.match(
        text,
        new RegExp(`"id":"${p.id}","label":"[^"]*","value":${p.min},"unit":"[^"]*","origin":"clinic"`),
      );
    }
  });

  it('the table leads with the status and lists the findings', () => {
    const result = evaluateEligibility(ZIntake.parse(EXAMPLE_INTAKE), {}, { now: new Date(NOW) });
    const table = runEligibility({ intake: intakeFile, now: NOW });
    assert.match(table, new RegExp(`^Eligibility: ${result.status} \\(`));
    for (const f of result.findings)
      assert.ok(table.includes(`${f.ruleId}@${f.ruleVersion}  ${f.title}`), f.ruleId);
  });

  it('bad input: one line naming the flag, or the file and the field', () => {
    const badVitals = file('bad-vitals.json', {
      ...EXAMPLE_INTAKE,
      vitals: { ...EXAMPLE_INTAKE.vitals, systolicMmHg: 'high' },
    });
    assert.equal(
      oneLine(() => runEligibility({ intake: badVitals, now: NOW })),
      `${badVitals}: vitals.systolicMmHg: must be a number in mmHg`,
    );
    const extra = file('extra.json', { ...EXAMPLE_INTAKE, colour: 'blue' });
    assert.equal(
      oneLine(() => runEligibility({ intake: extra, now: NOW })),
      `${extra}: unknown field "colour"`,
    );
    assert.equal(
      oneLine(() => runEligibility({ now: NOW })),
      '--intake: is required (a JSON file, or - for standard input)',
    );
    assert.equal(
      oneLine(() => runEligibility({ intake: path.join(dir, 'none.json') })),
      `--intake: cannot read ${path.join(dir, 'none.json')}: no such file`,
    );
    assert.equal(
      oneLine(() => runEligibility({ intake: intakeFile, now: 'today' })),
      '--now: must be an ISO 8601 date-time with offset, e.g. 2025-03-01T09:30:00Z',
    );
    const unknownSetting = file('unknown-setting.json', { 'eligibility.favourite-colour': 'blue' });
    assert.equal(
      oneLine(() => runEligibility({ intake: intakeFile, settings: unknownSetting })),
      `${unknownSetting}: eligibility.favourite-colour: unknown parameter (see ketapath rules list)`,
    );
    assert.equal(
      oneLine(() => runEligibility({ intake: '-', settings: '-' })),
      '--settings: only one input can be read from standard input (- is also given to --intake)',
    );
  });
});

describe('ketapath rules eligibility over the intake casebook', () => {
  for (const { name, data } of casebook('intakes')) {
    it(`${name}: json equals evaluateEligibility(); status ${data.expected.status}`, () => {
      const intake = file(`case-${name}`, data.intake);
      const settings = file(`case-settings-${name}`, data.settings ?? {});
      const printed = json(runEligibility({ intake, settings, now: data.now, format: 'json' })) as {
        status: string;
      };
      const expected = evaluateEligibility(ZIntake.parse(data.intake), data.settings ?? {}, {
        now: new Date(data.now),
      });
      assert.deepEqual(printed, roundTrip(expected));
      assert.equal(printed.status, data.expected.status);
      assert.match(
        runEligibility({ intake, settings, now: data.now }),
        new RegExp(`^Eligibility: ${data.expected.status} `),
      );
    });
  }
});

describe('ketapath rules check-order', () => {
  const order = exampleOrder();
  const protocol = getProtocol(order.protocolId, order.protocolVersion)!;
  const files = {
    order: file('order.json', order),
    patient: file('patient.json', EXAMPLE_ORDER_PATIENT),
    history: file('history.json', exampleHistory()),
  };
  const base = { protocol: `${protocol.id}@${protocol.version}`, ...files, now: NOW };
  const expected = (settings = {}, history = exampleHistory()) =>
    roundTrip(
      checkOrder(
        ZOrder.parse(order),
        ZOrderPatient.parse(EXAMPLE_ORDER_PATIENT),
        protocol,
        settings,
        ZOrderHistory.parse(history),
        { now: new Date(NOW) },
      ),
    );

  it('json equals checkOrder() with the library protocol, and with the same protocol from a file', () => {
    assert.deepEqual(json(runCheckOrder({ ...base, format: 'json' })), expected());
    const protocolFile = file('protocol.json', protocol);
    const { protocol: _library, ...rest } = base;
    assert.deepEqual(json(runCheckOrder({ ...rest, protocolFile, format: 'json' })), expected());
  });

  it('without --history the order is checked against no earlier orders; id without @version is the latest', () => {
    const { history: _h, ...rest } = base;
    assert.deepEqual(
      json(runCheckOrder({ ...rest, protocol: protocol.id, format: 'json' })),
      expected({}, []),
    );
  });

  it('the table leads with the verdict, then the pump, the reverse check and each finding', () => {
    const result = expected() as { verdict: string; findings: { ruleId: string; ruleVersion: number }[] };
    const table = runCheckOrder(base);
    const lines = table.split('\n');
    assert.match(lines[0]!, new RegExp(`^Order check: ${result.verdict} \\(`));
    assert.equal(lines[1], `Protocol: ${protocol.id}@${protocol.version} ${protocol.name}`);
    assert.match(
      lines[2]!,
      /^Pump: [\d.]+ mg\/h = [\d.]+ mg\/kg\/h for 70 kg \(actual weight\); [\d.]+ mL\/h; at 1 mg\/mL; for \d+ min/,
    );
    assert.match(
      lines[3]!,
      /^Reverse check: pump programmed at [\d.]+ mL\/h delivers [\d.]+ mg\/kg\/h: matches the order$/,
    );
    for (const f of result.findings) assert.ok(table.includes(`${f.ruleId}@${f.ruleVersion}`), f.ruleId);
  });

  it('a tenfold rate: the finding names the slip, in json and in the table', () => {
    const tenfold = file('tenfold.json', {
      ...order,
      rate: { ...order.rate, value: order.rate!.value * 10 },
      programmedRateMlPerH: order.programmedRateMlPerH! * 10,
    });
    const printed = json(runCheckOrder({ ...base, order: tenfold, format: 'json' })) as {
      verdict: string;
      findings: { ruleId: string; slip?: string }[];
    };
    assert.ok(['blocked', 'override-required'].includes(printed.verdict), printed.verdict);
    const slip = printed.findings.find((f) => f.slip === 'tenfold');
    assert.ok(slip, JSON.stringify(printed.findings.map((f) => f.ruleId)));
    assert.match(
      runCheckOrder({ ...base, order: tenfold }),
      new RegExp(`${slip.ruleId}@\\d+ .*\\n.*\\n  looks like: tenfold\\n`),
    );
  });

  it('bad input: one line naming the flag, or the file and the field', () => {
    const badUnit = file('bad-unit.json', { ...order, rate: { value: 0.35, unit: 'mg/kg/min' } });
    assert.equal(
      oneLine(() => runCheckOrder({ ...base, order: badUnit })),
      `${badUnit}: rate.unit: must be one of mg/kg/h, mg/h, µg/kg/min`,
    );
    const noRate = file('no-rate.json', { ...order, rate: undefined });
    assert.equal(
      oneLine(() => runCheckOrder({ ...base, order: noRate })),
      `${noRate}: rate: an infusion needs a rate`,
    );
    const badPatient = file('bad-patient.json', { ...EXAMPLE_ORDER_PATIENT, weightKg: 7000 });
    assert.equal(
      oneLine(() => runCheckOrder({ ...base, patient: badPatient })),
      `${badPatient}: weightKg: must be between 20 and 400 kg`,
    );
    const badHistory = file('bad-history.json', [{ ...exampleHistory()[0], status: 'given' }]);
    assert.equal(
      oneLine(() => runCheckOrder({ ...base, history: badHistory })),
      `${badHistory}: [0].status: must be one of ordered, administered, cancelled`,
    );
    assert.match(
      oneLine(() => runCheckOrder({ ...base, protocol: 'no-such-protocol' })),
      /^--protocol: unknown protocol "no-such-protocol"; available: /,
    );
    assert.match(
      oneLine(() => runCheckOrder({ ...base, protocol: `${protocol.id}@99` })),
      new RegExp(`^--protocol: protocol "${protocol.id}" has no version 99 \\(versions: \\d`),
    );
    assert.match(
      oneLine(() => runCheckOrder({ ...base, protocol: `${protocol.id}@` })),
      /^--protocol: must be <id> or <id>@<version>; available: /,
    );
    assert.equal(
      oneLine(() => runCheckOrder({ ...base, protocolFile: files.order })),
      '--protocol-file: give --protocol or --protocol-file, not both',
    );
    const { protocol: _p, ...noProtocol } = base;
    assert.match(
      oneLine(() => runCheckOrder(noProtocol)),
      /^--protocol: is required/,
    );
    const { patient: _q, ...noPatient } = base;
    assert.equal(
      oneLine(() => runCheckOrder(noPatient)),
      '--patient: is required (the patient JSON file)',
    );
    const inconsistent = file('inconsistent-protocol.json', { ...protocol, routes: ['iv-bolus'] });
    assert.match(
      oneLine(() => runCheckOrder({ ...noProtocol, protocolFile: inconsistent })),
      new RegExp(`^${inconsistent.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: \\S`),
    );
  });
});

describe('ketapath rules check-order over the order casebook', () => {
  for (const { name, data } of casebook('orders')) {
    it(`${name}: json equals checkOrder(); verdict ${data.expected.verdict}`, () => {
      const base = getProtocol(data.protocolId, data.protocolVersion);
      assert.ok(base, name);
      const copy = data.clinicCopy;
      // A clinic's copy is given as a protocol file, exactly as a clinic would export it.
      const protocol =
        copy === undefined
          ? base
          : deriveClinicCopy(base, {
              id: copy.id,
              version: copy.version,
              note: copy.note,
              limits: copy.limits,
              standardConcentrations: copy.standardConcentrationsMgPerMl.map(
                (concentrationMgPerMl: number) => ({
                  concentrationMgPerMl,
                  container: 'bag' as const,
                  description: `${concentrationMgPerMl} mg/mL`,
                  source: { kind: 'clinic' as const, note: copy.note },
                }),
              ),
            });
      const flags = {
        ...(copy === undefined
          ? { protocol: `${base.id}@${base.version}` }
          : { protocolFile: file(`protocol-${name}`, protocol) }),
        patient: file(`patient-${name}`, data.patient),
        order: file(`order-${name}`, data.order),
        history: file(`history-${name}`, data.history),
        settings: file(`settings-${name}`, data.settings),
        now: data.now,
      };
      const printed = json(runCheckOrder({ ...flags, format: 'json' })) as { verdict: string };
      const expected = checkOrder(
        ZOrder.parse(data.order),
        ZOrderPatient.parse(data.patient),
        protocol,
        data.settings,
        ZOrderHistory.parse(data.history),
        {
          now: new Date(data.now),
        },
      );
      assert.deepEqual(printed, roundTrip(expected));
      assert.equal(printed.verdict, data.expected.verdict);
      assert.match(runCheckOrder(flags), new RegExp(`^Order check: ${data.expected.verdict} `));
    });
  }
});

describe('ketapath rules session', () => {
  it('json equals evaluateSession() for the example and every casebook snapshot (defaults only)', () => {
    const snapshots = [EXAMPLE_SESSION_SNAPSHOT, ...casebook('sessions').map((c) => c.data.snapshot)];
    for (const [i, snapshot] of snapshots.entries()) {
      const printed = json(runSession({ snapshot: file(`snapshot-${i}.json`, snapshot), format: 'json' }));
      assert.deepEqual(
        printed,
        roundTrip(evaluateSession(ZSessionSnapshot.parse(snapshot), {})),
        `snapshot ${i}`,
      );
    }
  });

  it('the casebook cases run on defaults give the clinician’s expected status', () => {
    for (const { name, data } of casebook('sessions').filter(
      (c) => c.data.settingsProfile === 'defaults-only',
    )) {
      const settings = file(`settings-${name}`, data.settingsOverrides ?? {});
      const printed = json(runSession({ snapshot: file(name, data.snapshot), settings, format: 'json' })) as {
        status: string;
      };
      assert.equal(printed.status, data.expected.status, name);
    }
  });

  it('the table shows the phase and status, the checklist, discharge readiness and each finding with its action tier', () => {
    for (const { name, data } of casebook('sessions')) {
      const result = evaluateSession(ZSessionSnapshot.parse(data.snapshot), {});
      const table = runSession({ snapshot: file(name, data.snapshot) });
      assert.match(table, new RegExp(`^Session \\(${result.phase}\\): ${result.status} \\(`), name);
      for (const item of result.checklist)
        assert.ok(table.includes(`] ${item.label}`), `${name}: ${item.id}`);
      if (result.discharge !== null)
        assert.match(table, /\nDischarge: (ready|not ready); modified Aldrete /, name);
      for (const p of result.rescuePrompts)
        assert.ok(table.includes(`${p.problem} (after `), `${name}: ${p.problem}`);
      for (const f of result.findings) {
        assert.ok(table.includes(`${f.ruleId}@${f.ruleVersion}`), `${name}: ${f.ruleId}`);
        if (f.actionTier !== undefined)
          assert.ok(table.includes(`action: ${f.actionTier}`), `${name}: ${f.ruleId}`);
      }
    }
  });

  it('bad input: one line naming the file and the field', () => {
    const badPhase = file('bad-phase.json', { ...EXAMPLE_SESSION_SNAPSHOT, phase: 'recovery' });
    assert.equal(
      oneLine(() => runSession({ snapshot: badPhase })),
      `${badPhase}: phase: must be one of pre-start, infusion, discharge`,
    );
    const badVital = file('bad-vital.json', {
      ...EXAMPLE_SESSION_SNAPSHOT,
      vitals: [{ at: NOW, spo2Percent: 101 }],
    });
    assert.equal(
      oneLine(() => runSession({ snapshot: badVital })),
      `${badVital}: vitals[0].spo2Percent: must be between 0 and 100 percent`,
    );
    assert.equal(
      oneLine(() => runSession({})),
      '--snapshot: is required (a JSON file, or - for standard input)',
    );
  });
});

describe('ketapath protocols', () => {
  it('list: json is listProtocols(); the table has one entry per protocol', () => {
    assert.deepEqual(json(runProtocolsList({ format: 'json' })), roundTrip(listProtocols()));
    const table = runProtocolsList({});
    for (const p of listProtocols())
      assert.match(
        table,
        new RegExp(`^${p.id}@${p.version} +${p.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'),
      );
  });

  it('show: json is getProtocol(); the table shows steps, limits with their sources, and review notes', () => {
    for (const p of PROTOCOL_LIBRARY) {
      assert.deepEqual(json(runProtocolsShow(`${p.id}@${p.version}`, { format: 'json' })), roundTrip(p));
      const text = runProtocolsShow(`${p.id}@${p.version}`, {});
      assert.ok(text.startsWith(`${p.id}@${p.version}: ${p.name}\n`), p.id);
      assert.ok(
        text.includes('Limits (above soft: a physician records a reason; above hard: refused):'),
        p.id,
      );
      for (const l of p.limits) {
        assert.ok(text.includes(`  ${l.route}:\n`), `${p.id} ${l.route}`);
        if (l.rateMgPerKgPerH.hard === null)
          assert.match(text, /rateMgPerKgPerH: soft .*; hard clinic must set/);
      }
      if (p.reviewRequired !== null) assert.ok(text.includes(`REVIEW REQUIRED: ${p.reviewRequired}`), p.id);
    }
    assert.deepEqual(
      json(runProtocolsShow(listProtocols()[0]!.id, { format: 'json' })),
      roundTrip(listProtocols()[0]),
    );
  });

  it('show refuses an unknown id or version', () => {
    assert.match(
      oneLine(() => runProtocolsShow('nope', {})),
      /^<id>: unknown protocol "nope"; available: /,
    );
    const p = listProtocols()[0]!;
    const versions = PROTOCOL_LIBRARY.filter((x) => x.id === p.id).map((x) => x.version);
    assert.equal(
      oneLine(() => runProtocolsShow(`${p.id}@99`, {})),
      `<id>: protocol "${p.id}" has no version 99 (versions: ${versions.join(', ')})`,
    );
  });
});
