/** `ketapath models`: every pharmacokinetic model with its population, routes, validity, grade and citation. */
import { Option, type Command } from 'commander';
import { listModels, type ModelListing } from '@ketapath/pharmacology';
import { parseFormat, withOneLineErrors } from './flags.js';

const FORMATS = ['table', 'json'] as const;

const range = (r: readonly [number, number] | undefined, unit: string) => (r === undefined ? 'not published' : `${r[0]}–${r[1]} ${unit}`);

function citationOf(m: ModelListing): string {
  const c = m.citation;
  const ids = [c.doi === null ? null : `doi:${c.doi}`, c.pmid === null ? null : `PMID ${c.pmid}`].filter((x) => x !== null);
  return `${c.authors} (${c.year}). ${c.title}. ${c.journal}.${ids.length > 0 ? ` ${ids.join(', ')}.` : ''} Values: ${c.locator}; MODELS.md ${c.modelsMdSection}.`;
}

export function modelsTable(models: readonly ModelListing[]): string {
  const blocks = models.map((m) =>
    [
      `${m.id}${m.isDefault ? ' (default)' : ''}: ${m.title}`,
      `  drug:        ${m.drug} (${m.analytes.parent}${m.analytes.metabolite === null ? ', no metabolite' : ` + ${m.analytes.metabolite}`}); ${m.structure}`,
      `  population:  ${m.population}`,
      `  routes:      ${m.routes.join(', ')} (studied: ${m.studiedRoutes.join(', ')}); ${m.samplingSite} samples`,
      `  validity:    ${m.validity.population}; age ${range(m.validity.ageYears, 'y')}; weight ${range(m.validity.weightKg, 'kg')} (${m.validity.source})`,
      `  grade:       ${m.grade}: ${m.gradeNote}`,
      `  variability: ${m.hasPublishedIiv ? 'published' : 'not published (population runs need --assumed-cv)'}`,
      `  citation:    ${citationOf(m)}`,
      ...m.flags.map((f) => `  caution:     ${f.message}`),
    ].join('\n'),
  );
  return `${blocks.join('\n\n')}\n`;
}

export function registerModelsCommand(program: Command): Command {
  const command = program
    .command('models')
    .description('List every pharmacokinetic model: population, routes, validity ranges, evidence grade and citation.')
    .addOption(new Option('--format <format>', 'table (default) or json'))
    .action((flags: { format?: string }) => {
      const format = parseFormat(flags.format, FORMATS, 'table');
      const models = listModels();
      process.stdout.write(format === 'json' ? `${JSON.stringify(models)}\n` : modelsTable(models));
    });
  return withOneLineErrors(command);
}
