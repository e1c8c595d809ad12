export { ActionsCard } from './ActionsCard';
