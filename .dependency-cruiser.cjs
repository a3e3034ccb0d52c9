/** Dependency-graph fence: no cycles, pure packages stay pure, layers point one way (docs/ARCHITECTURE.md). */
const PURE = '^packages/(units|core|pharmacology|clinical-rules|charting|ledger)/src';
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'pure-no-io',
      comment: 'units, core, pharmacology, clinical-rules, charting and ledger run unchanged in the browser: no Node built-ins, no database, no HTTP.',
      severity: 'error',
      from: { path: PURE, pathNot: '\\.test\\.ts$' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'pure-no-io-packages',
      severity: 'error',
      from: { path: PURE, pathNot: '\\.test\\.ts$' },
      to: { path: '(node_modules/(pg|@electric-sql|drizzle-orm|fastify|@fastify)/|^packages/db/|^packages/api-client/|^apps/)' },
    },
    { name: 'units-is-a-leaf', severity: 'error', from: { path: '^packages/units/src', pathNot: '\\.test\\.ts$' }, to: { path: '^(packages|apps)/(?!units/)' } },
    { name: 'packages-never-import-apps', severity: 'error', from: { path: '^packages/' }, to: { path: '^apps/' } },
    { name: 'db-only-in-server-cli', severity: 'error', from: { path: '^apps/clinician/' }, to: { path: '^(packages/db|apps/server|apps/cli)/' } },
    { name: 'sql-only-in-db', comment: 'Only @ketapath/db talks to the database.', severity: 'error', from: { path: '^(apps|packages/(?!db/))', pathNot: '\\.test\\.ts$|^bench/' }, to: { path: 'node_modules/(pg|@electric-sql/pglite|drizzle-orm)/' } },
    { name: 'no-undeclared-deps', severity: 'error', from: {}, to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.test.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['source', 'import', 'default'], extensions: ['.ts', '.tsx', '.js'] },
  },
};
