export * from './thresholds';
export * from './types';
export * from './doraFacts';
export * from './doraMetrics';
export * from './deriveDora';
