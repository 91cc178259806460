// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Tool config files, whose tool requires a default export. Other files that must have one
 * (vitest's globalSetup) say so with an eslint-disable comment where it happens.
 */
const CONFIG_FILES = ['**/*.config.{js,mjs,cjs,ts,mts}'];

export default tseslint.config(
  {
    ignores: ['**/node_modules/', '**/dist/', '.data/', '.cache/', 'coverage/', 'infra/cdk.out/'],
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // Type information from the tsconfig that owns each file; a JS file outside every
        // tsconfig (this one) gets the default project.
        projectService: { allowDefaultProject: ['*.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // An unawaited promise is a swallowed error or a shutdown that does not wait.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // Apollo's plugin hooks and our onStop callbacks are typed to return a promise, so an
      // `async` function with nothing to await is the plain way to satisfy them.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // House style: named exports only.
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use a named export (house style); default exports only where a tool requires one.' },
        { selector: 'ExportSpecifier[exported.name="default"]', message: 'Use a named export (house style); default exports only where a tool requires one.' },
      ],
    },
  },
  {
    files: CONFIG_FILES,
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // GraphQL Code Generator's resolver types: written by `npm run codegen`, not by hand; its
    // federation helpers type a reference's fields as `any`.
    files: ['subgraphs/*/src/generated/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Plain JS has no types to check against.
    files: ['**/*.{js,mjs,cjs}'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
