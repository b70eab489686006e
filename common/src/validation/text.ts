export { MAX_TEXT_LENGTH, textProblem } from '../workflow-contracts/text';
