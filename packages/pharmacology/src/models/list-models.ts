/** `listModels()`: every model with what a clinician needs to choose one (for `ketapath models` and the page). */
import type { PkModel } from '../model-types.js';
import { DEFAULT_MODEL_ID, MODELS } from './registry.js';

export interface ModelListing {
  readonly id: string;
  readonly title: string;
  readonly drug: PkModel['drug'];
  readonly analytes: PkModel['analytes'];
  readonly population: string;
  readonly structure: string;
  readonly routes: PkModel['routes'];
  readonly studiedRoutes: PkModel['studiedRoutes'];
  readonly samplingSite: PkModel['samplingSite'];
  readonly validity: PkModel['validity'];
  readonly grade: PkModel['grade'];
  readonly gradeNote: string;
  readonly hasPublishedIiv: boolean;
  readonly citation: PkModel['citation'];
  readonly flags: PkModel['flags'];
  readonly parameters: PkModel['parameters'];
  readonly isDefault: boolean;
}

export function listModels(): ModelListing[] {
  return [...MODELS.values()].map((m) => ({
    id: m.id,
    title: m.title,
    drug: m.drug,
    analytes: m.analytes,
    population: m.population,
    structure: m.structure,
    routes: m.routes,
    studiedRoutes: m.studiedRoutes,
    samplingSite: m.samplingSite,
    validity: m.validity,
    grade: m.grade,
    gradeNote: m.gradeNote,
    hasPublishedIiv: m.iiv.length > 0,
    citation: m.citation,
    flags: m.flags,
    parameters: m.parameters,
    isDefault: m.id === DEFAULT_MODEL_ID,
  }));
}
