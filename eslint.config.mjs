// Lint: typescript-eslint's recommended rules for TypeScript, eslint-plugin-lit for Lit templates
// and element classes, eslint-plugin-wc for custom-element habits (guarded define, no work in the
// constructor that belongs in connectedCallback, …). Formatting is Prettier's job, not ESLint's.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'bench/node_modules/',
      '.explore/',
      'custom-elements.json',
      '**/*.vue',
      '**/*.svelte',
      'docs/.vitepress/dist/',
      'docs/.vitepress/cache/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.ts', 'test/**/*.ts', 'test/**/*.tsx', 'examples/**/*.ts', 'examples/**/*.tsx'],
    ...lit.configs['flat/recommended'],
  },
  {
    files: ['src/**/*.ts'],
    ...wc.configs['flat/best-practice'],
    // Our elements extend these, not HTMLElement directly; wc's rules follow them through.
    settings: { wc: { elementBaseClasses: ['LitElement', 'LiveElement'] } },
    // LitElement implements every lifecycle callback; a guard would only hide a base that broke.
    rules: { ...wc.configs['flat/best-practice'].rules, 'wc/guard-super-call': 'off' },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      'lit/lifecycle-super': 'error',
      'lit/no-this-assign-in-render': 'error',
      'lit/no-template-bind': 'error',
      'lit/no-useless-template-literals': 'error',
      'lit/prefer-static-styles': 'error',
      'lit/no-native-attributes': 'error',
      // Modules of one job: a module that outgrows this is two.
      'max-lines': ['error', { max: 300 }],
    },
  },
  {
    // Data flows upward only: the data layer owns the stores it writes and knows no element.
    files: ['src/data/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../stores/*', '../components/*', '../cdn/*'],
              message: 'src/data imports nothing from above it (see the README, "How the data layer is built").',
            },
          ],
        },
      ],
    },
  },
  {
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      // Unused names are TypeScript's check (noUnusedLocals); `_`-prefixed ones are deliberate.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Module augmentation (framework JSX, event maps) is an interface that only extends.
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
      // A `let` read by a callback before its one assignment (an unsubscribe, a run in flight) stays `let`.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },
  {
    // Chai's property assertions (`expect(x).to.be.true`) are expressions by design.
    files: ['test/**'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
  {
    files: ['**/*.mjs', 'scripts/**', 'demo/**', 'deploy/**', 'bench/**', 'test/**/*.mjs', '*.config.*'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
