export { DeliverySetupCard } from './DeliverySetupCard';
