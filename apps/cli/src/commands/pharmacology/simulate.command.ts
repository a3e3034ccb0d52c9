/**
 * `ketapath simulate`: one patient's ketamine and norketamine plasma concentrations for a regimen, as an
 * aligned table, exact csv or exact json, optionally with a population band and an SVG chart. The flags and
 * the json/csv shapes are a public, scripted interface: add, never rename.
 */
import { writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import {
  MAX_VIRTUAL_PATIENTS,
  runSimulation,
  simulatePopulation,
  validateSimulateRequest,
  PharmacologyInputError,
  type AnalyteBands,
  type AnalyteSummary,
  type PopulationRequest,
  type PopulationResult,
  type SimulateResult,
} from '@ketapath/pharmacology';
import {
  badFlag,
  integerIn,
  nonNegativeNumber,
  parseAssumedCv,
  parseDecimal,
  parseFormat,
  parseModelId,
  parseSex,
  parseTimesList,
  positiveNumber,
  readRegimenJson,
  required,
  withEngineIssues,
  withOneLineErrors,
} from './flags.js';
import { alignTable, formatExact, formatMinutes, formatSignificant } from './number-format.js';
import { renderConcentrationChart } from './concentration-chart.js';

const FORMATS = ['table', 'csv', 'json'] as const;
type Format = (typeof FORMATS)[number];

/** Population runs larger than this (patients × time points) report progress on stderr. */
const PROGRESS_ABOVE_PATIENT_POINTS = 2_000_000;

interface SimulateFlags {
  model?: string;
  weightKg?: string;
  ageYears?: string;
  sex?: string;
  heightCm?: string;
  regimen?: string;
  timesMin?: string;
  gridMin?: string;
  untilMin?: string;
  format?: string;
  svg?: string;
  population?: string;
  seed?: string;
  assumedCv?: string;
  thresholdNgMl?: string;
}

/** The engine request the flags describe (read as unknown by the engine, which checks every field). */
export function simulateRequestFromFlags(flags: SimulateFlags): Record<string, unknown> {
  const modelId = parseModelId(flags.model);
  const weightKg = positiveNumber('--weight-kg', required('--weight-kg', flags.weightKg, 'body weight in kg'));
  const ageYears = nonNegativeNumber('--age-years', required('--age-years', flags.ageYears, 'age in years'));
  const sex = parseSex(required('--sex', flags.sex, 'male or female'));
  const heightCm = flags.heightCm === undefined ? undefined : positiveNumber('--height-cm', flags.heightCm);
  const regimenSource = required('--regimen', flags.regimen, 'a JSON file {"doses":[…]}, or - for standard input');
  let times: Record<string, unknown>;
  if (flags.timesMin !== undefined) {
    if (flags.gridMin !== undefined || flags.untilMin !== undefined) throw badFlag('--times-min', 'give --times-min or --grid-min with --until-min, not both');
    times = { timesMin: parseTimesList(flags.timesMin) };
  } else {
    if (flags.gridMin === undefined && flags.untilMin === undefined) throw badFlag('--times-min', 'is required (or --grid-min <step> with --until-min <end>)');
    const stepMin = positiveNumber('--grid-min', required('--grid-min', flags.gridMin, 'the grid step in minutes, with --until-min'));
    const untilMin = nonNegativeNumber('--until-min', required('--until-min', flags.untilMin, 'the last time in minutes, with --grid-min'));
    times = { grid: { stepMin, untilMin } };
  }
  const thresholdNgPerMl = flags.thresholdNgMl === undefined ? undefined : nonNegativeNumber('--threshold-ng-ml', flags.thresholdNgMl);
  const regimen = readRegimenJson(regimenSource);
  return {
    modelId,
    patient: { weightKg, ageYears, sex, ...(heightCm === undefined ? {} : { heightCm }) },
    regimen,
    ...times,
    ...(thresholdNgPerMl === undefined ? {} : { thresholdNgPerMl }),
  };
}

function populationOf(flags: SimulateFlags): { nPatients: number; seed: number; assumedIivCvPercent?: Record<string, number> } | null {
  if (flags.population === undefined) {
    if (flags.seed !== undefined) throw badFlag('--seed', 'only applies with --population');
    if (flags.assumedCv !== undefined) throw badFlag('--assumed-cv', 'only applies with --population');
    return null;
  }
  const nPatients = integerIn('--population', flags.population, 1, MAX_VIRTUAL_PATIENTS);
  const seedText = required('--seed', flags.seed, 'a whole number; --population needs it so the run reproduces');
  const seed = parseDecimal(seedText);
  if (seed === undefined || !Number.isSafeInteger(seed)) throw badFlag('--seed', 'must be a whole number');
  return { nPatients, seed, ...(flags.assumedCv === undefined ? {} : { assumedIivCvPercent: parseAssumedCv(flags.assumedCv) }) };
}

function progressReporter(nPatients: number, nTimes: number): PopulationRequest['onProgress'] {
  if (nPatients * nTimes < PROGRESS_ABOVE_PATIENT_POINTS) return undefined;
  let lastTenth = -1;
  return ({ completedPatients, totalPatients }) => {
    const tenth = Math.floor((10 * completedPatients) / totalPatients);
    if (tenth === lastTenth) return;
    lastTenth = tenth;
    process.stderr.write(`progress: ${tenth * 10}% (${completedPatients}/${totalPatients} virtual patients)\n`);
  };
}

/** The json document: the engine's result (series at full precision), plus the bands with --population. */
export function simulationJson(result: SimulateResult, population: PopulationResult | null): string {
  const { amounts: _amounts, ...series } = result;
  if (population === null) return JSON.stringify(series);
  const { model: _model, unit: _unit, timesMin: _times, warnings: _warnings, ...bands } = population;
  return JSON.stringify({ ...series, population: bands });
}

function bandColumns(name: string, bands: AnalyteBands | null | undefined): { header: string; values: number[] }[] {
  if (bands === null || bands === undefined) return [];
  return bands.percentiles.map((p) => ({ header: `${name}_p${p.percentile}_ng_per_ml`, values: p.ngPerMl }));
}

/** csv: shortest round-trip numbers; the first three columns are fixed, population columns follow. */
export function simulationCsv(result: SimulateResult, population: PopulationResult | null): string {
  const extra = [
    ...bandColumns('ketamine', population?.ketamine),
    ...bandColumns('norketamine', population?.norketamine),
    ...(population?.ketamine.fractionAboveThreshold ? [{ header: 'ketamine_fraction_above_threshold', values: population.ketamine.fractionAboveThreshold }] : []),
  ];
  const lines = [['time_min', 'ketamine_ng_per_ml', 'norketamine_ng_per_ml', ...extra.map((c) => c.header)].join(',')];
  result.timesMin.forEach((t, i) => {
    const norketamine = result.norketamineNgPerMl?.[i];
    lines.push(
      [
        formatExact(t),
        formatExact(result.ketamineNgPerMl[i] ?? Number.NaN),
        norketamine === undefined ? '' : formatExact(norketamine),
        ...extra.map((c) => formatExact(c.values[i] ?? Number.NaN)),
      ].join(','),
    );
  });
  return `${lines.join('\n')}\n`;
}

function summaryLine(name: string, s: AnalyteSummary, thresholdNgPerMl: number | null): string {
  const parts = [
    `Cmax ${formatSignificant(s.cmaxNgPerMl)} ng/mL at ${formatSignificant(s.tmaxMin)} min`,
    `AUC ${formatMinutes(s.aucFromMin)}–${formatMinutes(s.aucToMin)} min ${formatSignificant(s.aucNgMinPerMl)} ng·min/mL`,
  ];
  if (thresholdNgPerMl !== null && s.timeAboveThresholdMin !== undefined) {
    parts.push(`above ${formatSignificant(thresholdNgPerMl)} ng/mL for ${formatSignificant(s.timeAboveThresholdMin)} min`);
  }
  return `${name}: ${parts.join('; ')}`;
}

const BAND_PERCENTILES_SHOWN = [5, 50, 95];

/** The human table: rounded to 4 significant digits, units in the headers, summary and warnings after it. */
export function simulationTable(result: SimulateResult, population: PopulationResult | null): string {
  const parent = result.model.analytes.parent;
  const metabolite = result.model.analytes.metabolite;
  const columns: { header: string; values: readonly number[] }[] = [{ header: `${parent} (ng/mL)`, values: result.ketamineNgPerMl }];
  if (metabolite !== null && result.norketamineNgPerMl !== null) columns.push({ header: `${metabolite} (ng/mL)`, values: result.norketamineNgPerMl });
  const addBands = (name: string, bands: AnalyteBands | null | undefined) => {
    for (const p of bands?.percentiles ?? []) {
      if (BAND_PERCENTILES_SHOWN.includes(p.percentile)) columns.push({ header: `${name} p${p.percentile} (ng/mL)`, values: p.ngPerMl });
    }
  };
  addBands(parent, population?.ketamine);
  if (metabolite !== null) addBands(metabolite, population?.norketamine);
  const rows = result.timesMin.map((t, i) => [formatMinutes(t), ...columns.map((c) => formatSignificant(c.values[i] ?? Number.NaN))]);
  const out = [
    `${result.model.id}: ${result.model.title} (grade ${result.model.grade}; sampling site: ${result.model.samplingSite})`,
    ...(population === null
      ? []
      : [`Population: ${population.nPatients} virtual patients, seed ${population.seed}; percentiles ${population.ketamine.percentiles.map((p) => p.percentile).join('/')}`]),
    '',
    alignTable(['time (min)', ...columns.map((c) => c.header)], rows, [true, ...columns.map(() => true)]),
    '',
    summaryLine(parent, result.summary.ketamine, result.summary.thresholdNgPerMl),
    ...(metabolite !== null && result.summary.norketamine !== null ? [summaryLine(metabolite, result.summary.norketamine, result.summary.thresholdNgPerMl)] : []),
    ...(population !== null && population.assumptions.length > 0 ? ['', 'Assumptions:', ...population.assumptions.map((a) => `  ${a}`)] : []),
    ...(result.warnings.length > 0 ? ['', 'Warnings:', ...result.warnings.map((w) => `  ${w.severity}: ${w.message}`)] : []),
  ];
  return `${out.join('\n')}\n`;
}

function runSimulate(flags: SimulateFlags): void {
  const format = parseFormat<Format>(flags.format, FORMATS, 'table');
  const request = simulateRequestFromFlags(flags);
  const population = populationOf(flags);
  const result = withEngineIssues(() => {
    const valid = validateSimulateRequest(request);
    if (!valid.ok) throw new PharmacologyInputError(valid.issues);
    return runSimulation(valid.value);
  });
  const bands =
    population === null
      ? null
      : withEngineIssues(() =>
          // The engine reads its request as unknown JSON and checks every field, as for the API.
          simulatePopulation({ ...request, ...population, onProgress: progressReporter(population.nPatients, result.timesMin.length) } as unknown as PopulationRequest),
        );
  if (flags.svg !== undefined) {
    try {
      writeFileSync(flags.svg, renderConcentrationChart(result, bands));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw badFlag('--svg', `cannot write ${flags.svg}${code ? ` (${code})` : ''}`);
    }
  }
  switch (format) {
    case 'json':
      process.stdout.write(`${simulationJson(result, bands)}\n`);
      break;
    case 'csv':
      process.stdout.write(simulationCsv(result, bands));
      for (const w of result.warnings) process.stderr.write(`warning: ${w.message}\n`);
      break;
    case 'table':
      process.stdout.write(simulationTable(result, bands));
      break;
  }
}

export function registerSimulateCommand(program: Command): Command {
  // program.command (not addCommand) so the subcommand inherits exitOverride and the output settings.
  const command = program
    .command('simulate')
    .description(
      'Plasma ketamine and norketamine (ng/mL) for one patient and a regimen, from a published model (see `ketapath models`). ' +
        'json and csv print every number exactly (shortest round-trip double); the table rounds to 4 significant digits.',
    )
    .addOption(new Option('--model <id>', 'model id, e.g. ketamine/kamp-2020 (required)'))
    .addOption(new Option('--weight-kg <n>', 'body weight in kg (required)'))
    .addOption(new Option('--age-years <n>', 'age in years (required)'))
    .addOption(new Option('--sex <sex>', 'male or female (required)'))
    .addOption(new Option('--height-cm <n>', 'height in cm'))
    .addOption(new Option('--regimen <file|->', 'regimen JSON {"doses":[…]} from a file or - for standard input (required); doses: {"route":"iv-bolus","atMin":0,"doseMg":35}, {"route":"iv-infusion","startMin":0,"endMin":240,"rateMgPerH":24.5}, {"route":"intranasal"|"oral"|"intramuscular"|"sublingual","atMin":0,"doseMg":50}; per-kg: doseMgPerKg, rateMgPerKgPerH'))
    .addOption(new Option('--times-min <list>', 'output times in minutes, comma-separated, ascending (e.g. 0,5,10)'))
    .addOption(new Option('--grid-min <step>', 'or: a grid every <step> minutes from 0 … (with --until-min)'))
    .addOption(new Option('--until-min <end>', '… to <end> minutes'))
    .addOption(new Option('--format <format>', 'table (default; rounded, for reading), csv or json (exact numbers, for scripts)'))
    .addOption(new Option('--svg <file>', 'also draw the curves (and the population band) as an SVG chart'))
    .addOption(new Option('--population <n>', `also simulate n virtual patients with the model's variability (1–${MAX_VIRTUAL_PATIENTS}) for percentile bands 5/25/50/75/95`))
    .addOption(new Option('--seed <s>', 'random seed for --population (required with it), so runs reproduce'))
    .addOption(new Option('--assumed-cv <list>', 'with --population: assumed variability as CV % per parameter (e.g. CL=30,V1=25), labelled as an assumption; needed for models without published variability'))
    .addOption(new Option('--threshold-ng-ml <n>', 'report time above this ketamine concentration (ng/mL) and, with --population, the fraction of patients above it'))
    .action((flags: SimulateFlags) => {
      runSimulate(flags);
    });
  return withOneLineErrors(command);
}
