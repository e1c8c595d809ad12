export * from './types';
export * from './evidence';
export * from './weights';
export * from './grades';
export * from './computeDrReadiness';
export * from './failover';
export * from './api';
