export * from './types';
export * from './images';
export * from './podProblems';
export * from './computeRollout';
