import { DR_GRADES } from '@internal/backstage-plugin-delivery-common';
import { DrRecordedGradeChange as DrGradeChange } from '../dr/DrSnapshotStore';
import { DeliveryNotification } from './DeliveryNotification';
import { deliveryTabLink, nameOf } from './deliveryLinks';
import { DELIVERY_TOPICS } from './topics';

/** Whether the grade got worse (`DR_GRADES` lists them worst first). */
export function isDrop(change: Pick<DrGradeChange, 'from' | 'to'>): boolean {
  return DR_GRADES.indexOf(change.to) < DR_GRADES.indexOf(change.from);
}

/**
 * The DR readiness grade dropped since the previous snapshot: to the service's owners, once
 * per change (the key names both grades and the day). Undefined when it did not drop.
 */
export function drGradeDropped(
  change: DrGradeChange,
  owners: string[],
): DeliveryNotification | undefined {
  if (!isDrop(change)) return undefined;
  return {
    kind: 'drGradeDropped',
    dedupeKey: `drGradeDropped:${change.entityRef}:${change.from}:${change.to}:${change.day}`,
    entityRef: change.entityRef,
    recipients: owners,
    payload: {
      title: `DR readiness of ${nameOf(change.entityRef)} dropped from ${
        change.from
      } to ${change.to}`,
      description: `The snapshot of ${change.day} scores ${change.score}/100. The DR card on the Delivery tab lists the checks that fail.`,
      link: deliveryTabLink(change.entityRef),
      severity: change.to === 'not-ready' ? 'high' : 'normal',
      topic: DELIVERY_TOPICS.dr,
    },
  };
}
