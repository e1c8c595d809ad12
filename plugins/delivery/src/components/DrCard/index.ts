export { DrCard } from './DrCard';
