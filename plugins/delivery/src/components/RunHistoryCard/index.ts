export { RunHistoryCard } from './RunHistoryCard';
