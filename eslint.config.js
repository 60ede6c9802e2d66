// ESLint (flat config): typescript-eslint's strict, type-checked rules and its stylistic type-checked
// rules over the TypeScript, with type information from tsconfig.json (the project service); the
// plain JavaScript (bin/, scripts/) gets ESLint's recommended rules with Node's globals. Layout is
// left to Prettier (.prettierrc.json, `npm run format`), so eslint-config-prettier turns off every
// rule that would argue with it. A rule switched off or loosened below says why, beside it.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'datasets/', 'coverage/', 'test-output/', 'test-results/', 'tmp/'] },
  js.configs.recommended,
  {
    files: ['**/*.js'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // The pages' own scripts run in the browser, not in Node.
    files: ['src/web/static/**/*.js'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.strictTypeChecked, tseslint.configs.stylisticTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Numbers and booleans in template literals are how the messages and SQL fragments here are
      // written (`${count} records`); the rule's point, catching "[object Object]", stays for objects.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      // A leading underscore marks a name kept on purpose though unused: a field dropped by rest
      // destructuring (`const { a: _a, ...rest } = x`), a position in a tuple, a callback's first argument.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['**/*.test.ts'],
    rules: {
      // node:test's test(), describe() and it() return promises that the runner itself awaits: the
      // idiom is to call them without await. Any other promise left floating in a test is still caught.
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite'] }] },
      ],
    },
  },
  {
    // NOT YET CLEAN. These rules found code that needs a real change (a guard for an index read that
    // noUncheckedIndexedAccess types as possibly undefined, a type for a JSON body read as `any`, ...),
    // not a mechanical one, when the linter came in. They report as warnings so that `npm run lint`
    // (which fails on errors) can run in CI now, and every other rule holds at error. Each goes back
    // to 'error' (delete its line here) once `npx eslint . --rule '{"<rule>": "error"}'` is clean.
    files: ['**/*.ts'],
    rules: Object.fromEntries(
      [
        'no-non-null-assertion',
        'no-unsafe-member-access',
        'no-unsafe-assignment',
        'no-unsafe-call',
        'no-unsafe-argument',
        'no-unsafe-return',
        'no-explicit-any',
        'no-unnecessary-type-conversion',
        'no-unnecessary-condition',
        'no-unnecessary-type-assertion',
        'no-unnecessary-type-parameters',
        'require-await',
        'return-await',
        'prefer-optional-chain',
        'prefer-nullish-coalescing',
        'prefer-string-starts-ends-with',
        'prefer-for-of',
        'prefer-find',
        'no-base-to-string',
        'restrict-plus-operands',
        'restrict-template-expressions',
        'use-unknown-in-catch-callback-variable',
        'unbound-method',
        'no-misused-promises',
        'no-misused-spread',
        'no-floating-promises',
        'no-empty-function',
        'no-unsafe-enum-assignment',
        'no-deprecated',
        'no-dynamic-delete',
        'no-unused-vars',
        'no-unused-expressions',
        // This one --fix mends; its last findings are in src/identity, left to the change under way there.
        'no-confusing-void-expression',
      ].map((rule) => [`@typescript-eslint/${rule}`, 'warn']),
    ),
  },
  {
    files: ['**/*.ts'],
    rules: { 'no-useless-assignment': 'warn', 'no-control-regex': 'warn', 'no-useless-escape': 'warn' },
  },
  prettier,
);
