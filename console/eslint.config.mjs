// The repository's rules, plus React's rules of hooks for the console's components.
import reactHooks from 'eslint-plugin-react-hooks';
import shared from '../eslint.config.mjs';

export default [...shared, reactHooks.configs.flat.recommended];
