export * from './model';
export * from './errors';
export * from './estimate';
export * from './quantityInput';
export * from './budget';
export * from './goldenPathShapes';
export * from './rightSizing';
export * from './api';
