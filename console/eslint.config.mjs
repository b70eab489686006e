// The repository's rules, plus React's rules of hooks for the console's components; the code
// GraphQL Code Generator writes is checked against its inputs instead (src/graphql/codegen.test.ts).
import reactHooks from 'eslint-plugin-react-hooks';
import shared from '../eslint.config.mjs';

export default [{ ignores: ['src/graphql/generated/**'] }, ...shared, reactHooks.configs.flat.recommended];
