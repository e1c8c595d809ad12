/**
 * Right-sizing that respects the HPA: per Deployment, requests (and the HPA's CPU target)
 * that fit the observed usage without making the HPA run more replicas, the monthly saving
 * at the replica counts the HPA would actually run, and how the capacity should be bought.
 * Pure: the backend collects usage and prices, the Cost card shows the result.
 */
import {
  CostInputError,
  isTier,
  requireAmount,
  requireCount,
  requirePrices,
  requirePurchase,
} from '@internal/backstage-plugin-delivery-common';
import { rightSizeDeployment } from './rightSizingDeployment';
import { resolvePolicy } from './rightSizingPolicy';
import { suggestPurchase } from './rightSizingPurchase';
import type {
  PurchaseSuggestion,
  RightSizingInput,
  RightSizingReport,
  RightSizingResult,
  RightSizingWorkload,
} from './rightSizingTypes';
import { usageSummaryOf } from './rightSizingUsage';

function requireText(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new CostInputError(field, 'is required and must be text');
  }
  return value;
}

function requireTarget(value: unknown, field: string): void {
  if (value === undefined) return;
  if (requireAmount(value, field) === 0) {
    throw new CostInputError(
      field,
      '0 is not a utilisation target; use a percentage above 0',
    );
  }
}

function checkWorkload(workload: RightSizingWorkload, at: string): void {
  requireText(workload.namespace, `${at}.namespace`);
  requireText(workload.name, `${at}.name`);
  if (!workload.requests) {
    throw new CostInputError(`${at}.requests`, 'is required');
  }
  requireAmount(
    workload.requests.cpuMillicores,
    `${at}.requests.cpuMillicores`,
  );
  requireAmount(workload.requests.memoryBytes, `${at}.requests.memoryBytes`);
  requireCount(workload.replicas, `${at}.replicas`);
  if (workload.hpa) {
    const min = requireCount(workload.hpa.min, `${at}.hpa.min`);
    const max = requireCount(workload.hpa.max, `${at}.hpa.max`);
    if (min > max) {
      throw new CostInputError(
        `${at}.hpa.min`,
        `must not exceed hpa.max (${min} > ${max})`,
      );
    }
    requireTarget(workload.hpa.cpu?.target, `${at}.hpa.cpu.target`);
    requireTarget(workload.hpa.memory?.target, `${at}.hpa.memory.target`);
  }
  if (!isTier(workload.tier)) {
    throw new CostInputError(
      `${at}.tier`,
      `"${String(
        workload.tier,
      )}" is not a tier; use critical, standard or experimental`,
    );
  }
  requireText(workload.type, `${at}.type`);
  requireText(workload.environment?.name, `${at}.environment.name`);
  if (typeof workload.environment.production !== 'boolean') {
    throw new CostInputError(
      `${at}.environment.production`,
      'must be true or false',
    );
  }
  requirePrices(workload.prices, `${at}.prices`);
  if (requirePurchase(workload.purchase, `${at}.purchase`) === undefined) {
    throw new CostInputError(`${at}.purchase`, 'is required');
  }
  if (workload.storageGib !== undefined) {
    requireAmount(workload.storageGib, `${at}.storageGib`);
  }
}

/**
 * Recommends requests and HPA targets per Deployment, with the monthly saving and purchase
 * suggestions. Throws a {@link CostInputError} naming the field of any input it cannot use.
 * @public
 */
export function recommendRightSizing(
  input: RightSizingInput,
): RightSizingReport {
  const policy = resolvePolicy(input.policy);
  if (!Array.isArray(input.workloads)) {
    throw new CostInputError('workloads', 'must be a list');
  }
  const deployments: RightSizingResult[] = [];
  const purchases: PurchaseSuggestion[] = [];
  input.workloads.forEach((workload, index) => {
    const at = `workloads[${index}]`;
    checkWorkload(workload, at);
    const usage = workload.usage
      ? usageSummaryOf(workload.usage, `${at}.usage`)
      : undefined;
    const result = rightSizeDeployment(workload, usage, policy);
    const { suggestion, note } = suggestPurchase(
      workload,
      usage,
      result,
      policy,
    );
    if (suggestion) purchases.push(suggestion);
    deployments.push(
      note ? { ...result, explanation: [...result.explanation, note] } : result,
    );
  });
  const total =
    deployments.reduce((sum, d) => sum + d.monthlySaving, 0) +
    purchases.reduce((sum, p) => sum + p.monthlySaving, 0);
  return {
    deployments,
    purchases,
    totalMonthlySaving: Math.round(total * 100) / 100,
  };
}
