import type { CompactLabelSelector } from '../cache/compact';

/**
 * Whether a label selector selects an object with these labels, as the API server decides
 * it: every matchLabels pair and every matchExpressions term must hold, so an empty
 * selector selects everything; an absent selector (undefined) selects nothing, as a
 * PodDisruptionBudget without one does in policy/v1.
 */
export function selectsLabels(
  selector: CompactLabelSelector | undefined,
  labels: Readonly<Record<string, string>>,
): boolean {
  if (!selector) return false;
  for (const [key, value] of Object.entries(selector.matchLabels)) {
    if (labels[key] !== value) return false;
  }
  for (const { key, operator, values = [] } of selector.matchExpressions ??
    []) {
    const has = Object.prototype.hasOwnProperty.call(labels, key);
    switch (operator) {
      case 'In':
        if (!has || !values.includes(labels[key])) return false;
        break;
      case 'NotIn':
        if (has && values.includes(labels[key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        // The API server refuses other operators; an object it did accept selects nothing.
        return false;
    }
  }
  return true;
}
