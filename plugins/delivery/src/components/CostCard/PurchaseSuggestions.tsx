import { PurchaseSuggestion } from '@internal/backstage-plugin-delivery-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { formatUsd } from './money';
import { PURCHASE_WORDS } from './purchaseWords';
import {
  changeText,
  deploymentText,
  placeText,
  savingText,
} from './rightSizingText';

/**
 * A cheaper (or, for a critical service on spot, safer) way to buy each Deployment's
 * capacity after right-sizing: from → to, the monthly cost and saving, and the reason
 * with the figures it rests on.
 */
export function PurchaseSuggestions({
  purchases,
}: {
  purchases: PurchaseSuggestion[];
}) {
  if (purchases.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        How the capacity is bought: no change suggested.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label="purchase suggestions">
      <TableHead>
        <TableRow>
          <TableCell>Deployment</TableCell>
          <TableCell>Purchase</TableCell>
          <TableCell align="right">Cost a month</TableCell>
          <TableCell align="right">Saving a month</TableCell>
          <TableCell>Why</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {purchases.map(suggestion => (
          <TableRow
            key={`${suggestion.cluster ?? ''}/${suggestion.namespace}/${
              suggestion.name
            }`}
            aria-label={deploymentText(suggestion)}
          >
            <TableCell>
              {suggestion.name}
              <Typography
                variant="caption"
                color="textSecondary"
                display="block"
              >
                {placeText(suggestion)}
              </Typography>
            </TableCell>
            <TableCell>
              {PURCHASE_WORDS[suggestion.from]} →{' '}
              {PURCHASE_WORDS[suggestion.to]}
            </TableCell>
            <TableCell align="right">
              {changeText(
                formatUsd(suggestion.monthlyCostBefore),
                formatUsd(suggestion.monthlyCostAfter),
              )}
            </TableCell>
            <TableCell align="right">
              {savingText(suggestion.monthlySaving)}
            </TableCell>
            <TableCell>
              <Typography variant="body2">{suggestion.reason}</Typography>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
