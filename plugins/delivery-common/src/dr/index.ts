export * from './types';
export * from './weights';
export * from './grades';
export * from './failover';
export * from './api';
