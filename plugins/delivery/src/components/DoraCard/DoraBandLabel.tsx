import {
  StatusError,
  StatusOK,
  StatusWarning,
} from '@backstage/core-components';
import { DoraBand } from '@internal/backstage-plugin-delivery-common';
import { DORA_BAND_WORDS } from './doraText';

/** A DORA band in colour with its icon: elite and high are good, medium a warning. */
export function DoraBandLabel(props: { band: DoraBand }) {
  const words = DORA_BAND_WORDS[props.band];
  switch (props.band) {
    case 'elite':
    case 'high':
      return <StatusOK>{words}</StatusOK>;
    case 'medium':
      return <StatusWarning>{words}</StatusWarning>;
    default:
      return <StatusError>{words}</StatusError>;
  }
}
