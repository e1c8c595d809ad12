module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  // The fleet's parts talk through interfaces (the admin API through AdministeredFleet,
  // the controllers through what Simulation hands them), so no module imports one that
  // imports it back. import/no-cycle keeps it so for value imports;
  // src/importCycles.test.ts covers type-only imports too, which the rule skips.
  settings: {
    'import/extensions': ['.ts'],
    'import/resolver': { node: { extensions: ['.ts', '.js'] } },
  },
  rules: {
    'import/no-cycle': ['error', { ignoreExternal: true }],
  },
});
