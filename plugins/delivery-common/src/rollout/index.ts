export * from './types';
export * from './images';
export * from './podProblems';
export * from './revisions';
export * from './computeRollout';
export * from './argoRollout';
export * from './api';
export * from './overview';
