/**
 * `ketapath simulate`, `tci` and `models` as real child processes: output equals the library's exactly
 * (json and csv), every bad flag or regimen field gives one line naming it and exit code 2, and --svg writes
 * a chart with labelled axes.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { computeTci, listModels, simulate, simulatePopulation, type SimulateRequest } from '@ketapath/pharmacology';
import { cliEnv, runCli } from '@ketapath/test-support';
import { assertWellFormedSvg } from './commands/pharmacology/testing/svg-well-formed.js';

const dir = mkdtempSync(path.join(tmpdir(), 'ketapath-pharmacology-cli-'));
const env = cliEnv({ DATA_DIR: dir });

function regimenFile(name: string, regimen: unknown): string {
  const file = path.join(dir, name);
  writeFileSync(file, typeof regimen === 'string' ? regimen : JSON.stringify(regimen));
  return file;
}

const KAMP_REGIMEN = { doses: [{ route: 'iv-bolus', atMin: 0, doseMg: 35 }, { route: 'iv-infusion', startMin: 0, endMin: 240, rateMgPerKgPerH: 0.35 }, { route: 'iv-infusion', startMin: 120, endMin: 180, rateMgPerH: 10 }] };
const ESKETAMINE_REGIMEN = { doses: [{ route: 'intranasal', atMin: 0, doseMg: 56 }, { route: 'oral', atMin: 60, doseMgPerKg: 1 }, { route: 'iv-bolus', atMin: 200, doseMg: 10 }] };
const PATIENT = { weightKg: 72.5, ageYears: 47, sex: 'female' } as const;
const patientFlags = ['--weight-kg', '72.5', '--age-years', '47', '--sex', 'female'];
const kampFile = regimenFile('kamp.json', KAMP_REGIMEN);
const esketamineFile = regimenFile('esketamine.json', ESKETAMINE_REGIMEN);
const kampFlags = ['simulate', '--model', 'ketamine/kamp-2020', ...patientFlags, '--regimen', kampFile, '--grid-min', '7.5', '--until-min', '600'];
const kampRequest: SimulateRequest = { modelId: 'ketamine/kamp-2020', patient: PATIENT, regimen: KAMP_REGIMEN as SimulateRequest['regimen'], grid: { stepMin: 7.5, untilMin: 600 } };
const ESKETAMINE_TIMES = [0, 0.5, 1, 5, 10, 30, 59.99, 60, 61, 90, 120, 199, 200, 200.25, 240, 480, 1440];
const esketamineFlags = ['simulate', '--model', 'esketamine/perez-ruixo-2021', ...patientFlags, '--height-cm', '168', '--regimen', esketamineFile, '--times-min', ESKETAMINE_TIMES.join(','), '--threshold-ng-ml', '20'];
const esketamineRequest: SimulateRequest = {
  modelId: 'esketamine/perez-ruixo-2021',
  patient: { ...PATIENT, heightCm: 168 },
  regimen: ESKETAMINE_REGIMEN as SimulateRequest['regimen'],
  timesMin: ESKETAMINE_TIMES,
  thresholdNgPerMl: 20,
};

after(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('ketapath simulate output', () => {
  it('json equals simulate() exactly (every key and number)', async () => {
    for (const [flags, request] of [
      [kampFlags, kampRequest],
      [esketamineFlags, esketamineRequest],
    ] as const) {
      const run = await runCli([...flags, '--format', 'json'], env);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(run.stderr, '');
      const expected = simulate(request);
      const printed = JSON.parse(run.stdout);
      assert.deepEqual(Object.keys(printed).slice(0, 6), ['model', 'unit', 'timesMin', 'ketamineNgPerMl', 'norketamineNgPerMl', 'warnings']);
      assert.deepEqual(printed, JSON.parse(JSON.stringify(expected)));
      // Number for number, bit for bit (JSON.stringify is shortest round-trip).
      assert.deepEqual(printed.ketamineNgPerMl, expected.ketamineNgPerMl);
      assert.deepEqual(printed.norketamineNgPerMl, expected.norketamineNgPerMl);
      assert.deepEqual(printed.timesMin, expected.timesMin);
    }
  });

  it('csv has unit-named columns and the exact doubles of simulate()', async () => {
    for (const [flags, request] of [
      [kampFlags, kampRequest],
      [esketamineFlags, esketamineRequest],
    ] as const) {
      const run = await runCli([...flags, '--format', 'csv'], env);
      assert.equal(run.code, 0, run.stderr);
      const expected = simulate(request);
      const [header, ...rows] = run.stdout.trimEnd().split('\n');
      assert.equal(header, 'time_min,ketamine_ng_per_ml,norketamine_ng_per_ml');
      assert.equal(rows.length, expected.timesMin.length);
      rows.forEach((row, i) => {
        const [t, ketamine, norketamine] = row.split(',');
        assert.equal(Number(t), expected.timesMin[i]);
        assert.equal(Number(ketamine), expected.ketamineNgPerMl[i]);
        assert.equal(ketamine, String(expected.ketamineNgPerMl[i]));
        if (expected.norketamineNgPerMl === null) assert.equal(norketamine, '');
        else assert.equal(Number(norketamine), expected.norketamineNgPerMl[i]);
      });
      // Warnings are not lost: they go to stderr.
      for (const w of expected.warnings) assert.ok(run.stderr.includes(w.message), w.code);
    }
  });

  it('table is aligned, with units in the headers, the summary and the warnings', async () => {
    const run = await runCli(esketamineFlags, env);
    assert.equal(run.code, 0, run.stderr);
    const lines = run.stdout.split('\n');
    const headerIndex = lines.findIndex((l) => l.startsWith('time (min)'));
    assert.match(lines[headerIndex]!, /^time \(min\) {2}esketamine \(ng\/mL\) {2}noresketamine \(ng\/mL\)$/);
    const rows = lines.slice(headerIndex + 2, headerIndex + 2 + ESKETAMINE_TIMES.length);
    assert.equal(new Set(rows.map((r) => r.length)).size, 1, 'rows are aligned');
    assert.match(run.stdout, /esketamine: Cmax [\d.]+ ng\/mL at [\d.]+ min; AUC 0–1440 min [\d.]+ ng·min\/mL; above 20\.00 ng\/mL for [\d.]+ min/);
    assert.match(run.stdout, /Warnings:\n {2}caution: /);
  });

  it('--help says json and csv are exact', async () => {
    const run = await runCli(['simulate', '--help'], env);
    assert.equal(run.code, 0);
    assert.match(run.stdout, /json and csv print every number exactly/);
    for (const flag of ['--model', '--weight-kg', '--age-years', '--sex', '--height-cm', '--regimen', '--times-min', '--grid-min', '--until-min', '--format', '--svg', '--population', '--seed', '--threshold-ng-ml']) {
      assert.ok(run.stdout.includes(flag), flag);
    }
  });

  it('reads the regimen from standard input with --regimen -', async () => {
    const run = await runCli([...kampFlags.map((a) => (a === kampFile ? '-' : a)), '--format', 'json'], env, JSON.stringify(KAMP_REGIMEN));
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout).ketamineNgPerMl, simulate(kampRequest).ketamineNgPerMl);
  });
});

describe('ketapath simulate refuses bad input with one line naming the flag or field, exit 2', () => {
  const base = ['simulate', '--model', 'ketamine/kamp-2020', ...patientFlags, '--regimen', kampFile];
  const grid = ['--grid-min', '10', '--until-min', '60'];
  const withFlag = (flag: string, value: string | null) => {
    const i = base.indexOf(flag);
    const copy = [...base];
    if (i >= 0) copy.splice(i, 2, ...(value === null ? [] : [flag, value]));
    else if (value !== null) copy.push(flag, value);
    return [...copy, ...grid];
  };
  const cases: [string, string[], RegExp][] = [
    ['negative weight', withFlag('--weight-kg', '-70'), /^ketapath: --weight-kg: must be a positive number$/],
    ['non-numeric weight', withFlag('--weight-kg', '70kg'), /^ketapath: --weight-kg: must be a positive number$/],
    ['missing weight', withFlag('--weight-kg', null), /^ketapath: --weight-kg: is required/],
    ['negative age', withFlag('--age-years', '-1'), /^ketapath: --age-years: must be a number ≥ 0$/],
    ['bad sex', withFlag('--sex', 'f'), /^ketapath: --sex: must be male or female$/],
    ['bad height', withFlag('--height-cm', '0'), /^ketapath: --height-cm: must be a positive number$/],
    ['unknown model', withFlag('--model', 'ketamine/nope'), /^ketapath: --model: unknown model "ketamine\/nope"; available: .*ketamine\/kamp-2020.*esketamine\/perez-ruixo-2021/],
    ['missing model', withFlag('--model', null), /^ketapath: --model: is required \(one of .*ketamine\/kamp-2020/],
    ['missing regimen', withFlag('--regimen', null), /^ketapath: --regimen: is required/],
    ['regimen file missing', withFlag('--regimen', path.join(dir, 'nope.json')), /^ketapath: --regimen: cannot read .*nope\.json: no such file$/],
    ['bad format', [...withFlag('--format', 'xml')], /^ketapath: --format: must be one of table, csv, json$/],
    ['bad threshold', withFlag('--threshold-ng-ml', 'high'), /^ketapath: --threshold-ng-ml: must be a number ≥ 0$/],
    ['unknown flag', withFlag('--wieght-kg', '70'), /^ketapath: --wieght-kg: unknown option \(did you mean --weight-kg\?\)$/],
    ['flag without value', [...base, ...grid, '--svg'], /^ketapath: --svg: needs a value$/],
    ['population without seed', withFlag('--population', '10'), /^ketapath: --seed: is required/],
    ['population zero', [...withFlag('--population', '0'), '--seed', '1'], /^ketapath: --population: must be a whole number from 1 to 100000$/],
    ['seed without population', withFlag('--seed', '1'), /^ketapath: --seed: only applies with --population$/],
    ['population without variability', [...withFlag('--population', '10'), '--seed', '1'], /^ketapath: --assumed-cv: ketamine\/kamp-2020 has no published inter-individual variability/],
    ['assumed CV of an unknown parameter', [...withFlag('--population', '10'), '--seed', '1', '--assumed-cv', 'Q=30'], /^ketapath: --assumed-cv: Q: unknown parameter for ketamine\/kamp-2020/],
  ];
  const timeCases: [string, string[], RegExp][] = [
    ['no times', base, /^ketapath: --times-min: is required \(or --grid-min <step> with --until-min <end>\)$/],
    ['times not numbers', [...base, '--times-min', '0,5,x'], /^ketapath: --times-min: item 3 \("x"\) is not a number/],
    ['times descending', [...base, '--times-min', '0,10,5'], /^ketapath: --times-min: item 3: times must be in ascending order$/],
    ['times and grid', [...base, '--times-min', '0,5', ...grid], /^ketapath: --times-min: give --times-min or --grid-min with --until-min, not both$/],
    ['grid without end', [...base, '--grid-min', '5'], /^ketapath: --until-min: is required/],
    ['zero grid step', [...base, '--grid-min', '0', '--until-min', '60'], /^ketapath: --grid-min: must be a positive number$/],
  ];
  const regimenCases: [string, unknown, RegExp][] = [
    ['end before start', { doses: [{ route: 'iv-bolus', atMin: 0, doseMg: 35 }, { route: 'iv-infusion', startMin: 60, endMin: 30, rateMgPerH: 20 }] }, /^ketapath: regimen\.doses\[1\]\.endMin: must be after startMin$/],
    ['negative dose', { doses: [{ route: 'iv-bolus', atMin: 0, doseMg: -1 }] }, /^ketapath: regimen\.doses\[0\]\.doseMg: must be ≥ 0$/],
    ['unknown route', { doses: [{ route: 'rectal', atMin: 0, doseMg: 1 }] }, /^ketapath: regimen\.doses\[0\]\.route: unknown route "rectal"/],
    ['route the model lacks', { doses: [{ route: 'oral', atMin: 0, doseMg: 50 }] }, /^ketapath: regimen\.doses\[0\]\.route: model ketamine\/kamp-2020 has no parameters for route oral/],
    ['both dose forms', { doses: [{ route: 'iv-bolus', atMin: 0, doseMg: 1, doseMgPerKg: 1 }] }, /^ketapath: regimen\.doses\[0\]\.doseMg: give exactly one of doseMg or doseMgPerKg$/],
    ['unknown field', { doses: [{ route: 'iv-bolus', atMin: 0, doseMg: 1, rate: 3 }] }, /^ketapath: regimen\.doses\[0\]\.rate: unknown field/],
    ['no doses array', { dose: [] }, /^ketapath: regimen\.dose: unknown field/],
    ['not an object', [], /^ketapath: regimen: regimen must be an object/],
  ];

  it('flag errors', async () => {
    const results = await Promise.all([...cases, ...timeCases].map(([, args]) => runCli(args, env)));
    [...cases, ...timeCases].forEach(([name, , pattern], i) => {
      const r = results[i]!;
      assert.equal(r.code, 2, `${name}: exit code (${r.stderr})`);
      assert.equal(r.stdout, '', name);
      assert.equal(r.stderr.trimEnd().split('\n').length, 1, `${name}: one line: ${r.stderr}`);
      assert.match(r.stderr.trimEnd(), pattern, name);
    });
  });

  it('regimen errors name the JSON field; invalid JSON names the file', async () => {
    const invalid = regimenFile('broken.json', '{"doses": [');
    const all: [string, string[], RegExp][] = [
      ...regimenCases.map(([name, regimen, pattern]): [string, string[], RegExp] => [name, withFlag('--regimen', regimenFile(`${name.replace(/\W/g, '-')}.json`, regimen)), pattern]),
      ['invalid JSON', withFlag('--regimen', invalid), /^ketapath: --regimen: .*broken\.json is not valid JSON \(.+\); expected \{"doses":\[…\]\}$/],
    ];
    const results = await Promise.all(all.map(([, args]) => runCli(args, env)));
    all.forEach(([name, , pattern], i) => {
      const r = results[i]!;
      assert.equal(r.code, 2, `${name}: exit code (${r.stderr})`);
      assert.equal(r.stderr.trimEnd().split('\n').length, 1, `${name}: one line: ${r.stderr}`);
      assert.match(r.stderr.trimEnd(), pattern, name);
    });
  });
});

describe('ketapath simulate --svg and --population', () => {
  it('writes an SVG chart with axis labels, units and a legend', async () => {
    const file = path.join(dir, 'kamp.svg');
    const run = await runCli([...kampFlags, '--format', 'csv', '--svg', file], env);
    assert.equal(run.code, 0, run.stderr);
    const svg = readFileSync(file, 'utf8');
    assertWellFormedSvg(svg);
    assert.match(svg, />Time \(h\)</);
    assert.match(svg, />Plasma concentration \(ng\/mL\)</);
    assert.match(svg, />Ketamine \(ng\/mL\)</);
    assert.doesNotMatch(svg, /Norketamine/, 'kamp-2020 has no metabolite');
  });

  it('adds reproducible percentile bands (json, csv, svg) that match simulatePopulation()', async () => {
    const file = path.join(dir, 'band.svg');
    const args = [...esketamineFlags, '--population', '300', '--seed', '11'];
    const [json, again, csv] = await Promise.all([
      runCli([...args, '--format', 'json', '--svg', file], env),
      runCli([...args, '--format', 'json'], env),
      runCli([...args, '--format', 'csv'], env),
    ]);
    assert.equal(json.code, 0, json.stderr);
    assert.equal(json.stdout, again.stdout, 'same seed, same output');
    const printed = JSON.parse(json.stdout);
    const expected = simulatePopulation({ ...esketamineRequest, nPatients: 300, seed: 11 });
    assert.deepEqual(printed.ketamineNgPerMl, simulate(esketamineRequest).ketamineNgPerMl);
    assert.equal(printed.population.nPatients, 300);
    assert.equal(printed.population.seed, 11);
    assert.deepEqual(printed.population.ketamine, JSON.parse(JSON.stringify(expected.ketamine)));
    assert.deepEqual(printed.population.norketamine, JSON.parse(JSON.stringify(expected.norketamine)));
    assert.deepEqual(printed.population.percentiles ?? printed.population.ketamine.percentiles.map((p: { percentile: number }) => p.percentile), [5, 25, 50, 75, 95]);
    const header = csv.stdout.split('\n')[0]!;
    assert.ok(header.startsWith('time_min,ketamine_ng_per_ml,norketamine_ng_per_ml,ketamine_p5_ng_per_ml,'), header);
    assert.ok(header.endsWith(',ketamine_fraction_above_threshold'), header);
    const svg = readFileSync(file, 'utf8');
    assertWellFormedSvg(svg);
    assert.match(svg, /<polygon class="band"/);
    assert.match(svg, /Esketamine 5–95th percentile \(300 virtual patients\)/);
    assert.match(svg, />Noresketamine \(ng\/mL\)</);
  });

  it('states assumed variability for a model without published IIV', async () => {
    const run = await runCli([...kampFlags, '--population', '50', '--seed', '3', '--assumed-cv', 'CL=30,V1=25', '--format', 'json'], env);
    assert.equal(run.code, 0, run.stderr);
    const printed = JSON.parse(run.stdout);
    assert.equal(printed.population.assumptions.length, 2);
    assert.ok(printed.population.variability.every((v: { source: string }) => v.source === 'assumption'));
  });
});

describe('ketapath tci and models', () => {
  const tciArgs = ['tci', '--model', 'ketamine/kamp-2020', ...patientFlags, '--target-ng-ml', '150', '--duration-min', '120', '--max-rate-mg-per-h', '200', '--step-min', '5'];

  it('tci prints the bolus and the rate steps in mg, mg/h and mg/kg/h, and the verification', async () => {
    const [table, json] = await Promise.all([runCli(tciArgs, env), runCli([...tciArgs, '--format', 'json'], env)]);
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /Bolus at 0 min: [\d.]+ mg \([\d.]+ mg\/kg\)/);
    assert.match(table.stdout, /from \(min\) +to \(min\) +rate \(mg\/h\) +rate \(mg\/kg\/h\)/);
    assert.match(table.stdout, /Verification: target first reached at [\d.]+ min; largest deviation afterwards [\d.e+-]+ % of target/);
    const expected = computeTci({ modelId: 'ketamine/kamp-2020', patient: PATIENT, targetNgPerMl: 150, durationMin: 120, maxRateMgPerH: 200, stepMin: 5 });
    const printed = JSON.parse(json.stdout);
    assert.equal(printed.bolusMg, expected.bolusMg);
    assert.equal(printed.bolusMgPerKg, expected.bolusMg / PATIENT.weightKg);
    assert.equal(printed.maxDeviationFraction, expected.maxDeviationFraction);
    assert.deepEqual(
      printed.steps,
      expected.steps.map((s) => ({ ...s, rateMgPerKgPerH: s.rateMgPerH / PATIENT.weightKg })),
    );
    assert.deepEqual(printed.verification.ketamineNgPerMl, expected.verification.ketamineNgPerMl);
  });

  it('tci refuses bad input naming the flag', async () => {
    const bad = await Promise.all([
      runCli(['tci', '--model', 'ketamine/kamp-2020', ...patientFlags, '--duration-min', '60'], env),
      runCli([...tciArgs.slice(0, -2), '--step-min', '-1'], env),
      runCli(['tci', '--model', 'ketamine/kamp-2020', ...patientFlags, '--target-ng-ml', '150', '--duration-min', '100000', '--step-min', '0.5'], env),
      runCli([...tciArgs, '--format', 'csv'], env),
    ]);
    const patterns = [/^ketapath: --target-ng-ml: is required/, /^ketapath: --step-min: must be a positive number$/, /^ketapath: --step-min: too many steps/, /^ketapath: --format: must be one of table, json$/];
    bad.forEach((r, i) => {
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr.trimEnd(), patterns[i]!);
    });
  });

  it('models lists every model with population, routes, validity, grade and citation', async () => {
    const [table, json] = await Promise.all([runCli(['models'], env), runCli(['models', '--format', 'json'], env)]);
    assert.equal(table.code, 0, table.stderr);
    for (const m of listModels()) {
      assert.ok(table.stdout.includes(m.id), m.id);
      assert.ok(table.stdout.includes(m.population), `${m.id} population`);
      assert.ok(table.stdout.includes(`MODELS.md ${m.citation.modelsMdSection}`), `${m.id} citation`);
    }
    for (const label of ['population', 'routes', 'validity', 'grade', 'citation']) assert.equal(table.stdout.match(new RegExp(`^  ${label}: `, 'gm'))?.length, listModels().length, label);
    assert.deepEqual(JSON.parse(json.stdout), JSON.parse(JSON.stringify(listModels())));
  });
});
