import { TestApiProvider } from '@backstage/frontend-test-utils';
import { DrApproval } from '@internal/backstage-plugin-delivery-common';
import { act, renderHook, waitFor } from '@testing-library/react';
import { ReactNode } from 'react';
import { deliveryApiRef } from '../../api';
import { APPROVALS_REFRESH_MS, useApprovals } from './useApprovals';

const request = (status: DrApproval['status']): DrApproval => ({
  id: '0b0c2f8e-6f0a-4a53-9a38-2f5e1d1c9a01',
  entityRef: 'component:default/payment-service',
  environment: 'production',
  mode: 'failover',
  requestedBy: 'user:default/alice',
  reason: 'Primary region is down since 09:40',
  requestedAt: '2026-11-25T10:00:00.000Z',
  expiresAt: '2026-11-25T10:30:00.000Z',
  status,
});

function renderWith(listApprovals: jest.Mock) {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <TestApiProvider apis={[[deliveryApiRef, { listApprovals }]]}>
      {children}
    </TestApiProvider>
  );
  return renderHook(() => useApprovals('component:default/payment-service'), {
    wrapper,
  });
}

describe('useApprovals', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('reads the list again while a request is pending, keeping the last answer meanwhile', async () => {
    const listApprovals = jest
      .fn()
      .mockResolvedValueOnce([request('pending')])
      .mockResolvedValue([request('approved')]);
    const { result } = renderWith(listApprovals);
    await waitFor(() =>
      expect(result.current.state.value).toEqual([request('pending')]),
    );

    act(() => jest.advanceTimersByTime(APPROVALS_REFRESH_MS));
    expect(result.current.state.loading).toBe(false);
    await waitFor(() =>
      expect(result.current.state.value).toEqual([request('approved')]),
    );
    expect(listApprovals).toHaveBeenCalledTimes(2);

    // Nothing is pending any more: no further reads.
    act(() => jest.advanceTimersByTime(5 * APPROVALS_REFRESH_MS));
    expect(listApprovals).toHaveBeenCalledTimes(2);
  });

  it('does not poll when nothing is pending', async () => {
    const listApprovals = jest.fn().mockResolvedValue([request('expired')]);
    const { result } = renderWith(listApprovals);
    await waitFor(() => expect(result.current.state.value).toHaveLength(1));
    act(() => jest.advanceTimersByTime(5 * APPROVALS_REFRESH_MS));
    expect(listApprovals).toHaveBeenCalledTimes(1);
  });
});
