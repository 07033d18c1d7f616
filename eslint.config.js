// ESLint: TypeScript recommended rules, plus the layering of DESIGN §3 as a local rule.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { layering } from './.ci/eslint-layering.js';

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'release/**', 'renderer/dist/**', 'coverage/**', '.talon-data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    plugins: { talon: { rules: { layering } } },
    rules: {
      'talon/layering': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
