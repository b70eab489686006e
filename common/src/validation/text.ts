export { MAX_TEXT_LENGTH, textProblem } from '@cee-hub/contracts';
