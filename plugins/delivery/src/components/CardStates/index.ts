export { AsyncCard } from './AsyncCard';
export { CardError } from './CardError';
export { DeliveryCard } from './DeliveryCard';
