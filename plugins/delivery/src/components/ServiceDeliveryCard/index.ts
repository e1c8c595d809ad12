export { ServiceDeliveryCard } from './ServiceDeliveryCard';
