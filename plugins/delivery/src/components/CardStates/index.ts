export { AsyncCard } from './AsyncCard';
export { CardError } from './CardError';
