/** Explicit map from model id to model data (STYLE.md §8). Add a model here after adding its file. */
import type { PkModel } from '../model-types.js';
import { clements1981 } from './ketamine/clements-1981.js';
import { domino1984 } from './ketamine/domino-1984.js';
import { herd2007 } from './ketamine/herd-2007.js';
import { hijazi2003 } from './ketamine/hijazi-2003.js';
import { hornik2018 } from './ketamine/hornik-2018.js';
import { kamp2020 } from './ketamine/kamp-2020.js';
import { perezRuixo2021 } from './esketamine/perez-ruixo-2021.js';

export const MODELS: ReadonlyMap<string, PkModel> = new Map(
  [kamp2020, domino1984, perezRuixo2021, clements1981, hijazi2003, herd2007, hornik2018].map((m) => [m.id, m]),
);

export const DEFAULT_MODEL_ID = 'ketamine/kamp-2020';

export function findModel(id: string): PkModel | undefined {
  return MODELS.get(id);
}
