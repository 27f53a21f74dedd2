// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'data/**', 'test/artifacts/**', '*.js', '*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      curly: 'error',
      eqeqeq: 'error',
    },
  },
  // Module boundaries: data flows one way (endpoints -> guardrails, models, violations). Guardrails know nothing of
  // the APIs, the upstream or the log; models know nothing of guardrails. `endpoint-name` is shared vocabulary.
  {
    files: ['src/guardrails/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/endpoints/*', '**/endpoints/**', '!**/endpoints/endpoint-name'],
              message: 'guardrails/ must not depend on an endpoint: adapters depend on guardrails, not the reverse.',
            },
            { group: ['**/violations/**'], message: 'guardrails/ returns interventions; the pipeline records them.' },
            { group: ['**/models/**', '**/admin/**'], message: 'guardrails/ must not depend on models/ or admin/.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/models/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/endpoints/*', '**/endpoints/**', '!**/endpoints/endpoint-name'],
              message: 'models/ routes calls; it must not depend on an endpoint adapter.',
            },
            { group: ['**/guardrails/**', '**/violations/**'], message: 'models/ must not depend on guardrails.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/violations/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/endpoints/*', '**/endpoints/**', '!**/endpoints/endpoint-name'],
              message: 'violations/ records what the pipeline hands it; it must not depend on an endpoint.',
            },
            { group: ['**/models/**'], message: 'violations/ must not depend on models/.' },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'eval/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
