export { DoraCard } from './DoraCard';
export { DoraBandLabel } from './DoraBandLabel';
export { DORA_BAND_WORDS, perWeekText } from './doraText';
