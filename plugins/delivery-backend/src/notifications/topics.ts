/**
 * The notification topics Delivery sends under: users switch each off in their
 * notification settings, and the Slack module's broadcast routes match them.
 */
export const DELIVERY_TOPICS = {
  approvals: 'delivery-approvals',
  runs: 'delivery-runs',
  cost: 'delivery-cost',
  dr: 'delivery-dr',
} as const;
