export { FREEZABLE_ACTIONS } from './FreezeWindow';
export type {
  FreezableAction,
  FreezeOccurrence,
  FreezeSchedule,
  FreezeWindow,
} from './FreezeWindow';
export { FreezeDefinitionError } from './parseFreezeWindow';
export { readFreezeAnnotation } from './readFreezeAnnotation';
export { freezeStatus } from './freezeStatus';
export type { FreezeStatus } from './freezeStatus';
