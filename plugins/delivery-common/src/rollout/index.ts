export * from './types';
export * from './images';
export * from './podProblems';
export * from './computeRollout';
export * from './api';
export * from './overview';
