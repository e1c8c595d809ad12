import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import {
  BudgetCheckAnswer,
  BudgetCheckRequest,
} from '@internal/backstage-plugin-delivery-common';
import { deliveryBackendRequest } from '../deliveryBackendRequest';

/** The Delivery backend's budget check, as the deploy and scale actions ask it. */
export class DeliveryBudgetClient {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly auth: AuthService,
  ) {}

  async check(request: BudgetCheckRequest): Promise<BudgetCheckAnswer> {
    const response = await deliveryBackendRequest(
      { discovery: this.discovery, auth: this.auth },
      'Delivery budget check',
      'POST',
      '/cost/budget-check',
      request,
    );
    return response.json();
  }
}
