import { coreApis, useApi } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { deliveryFailoverApprovePermission } from '@internal/backstage-plugin-delivery-common';
import useAsync from 'react-use/esm/useAsync';

/** Who the signed-in user is, and whether they may decide this service's failovers. */
export interface ApprovalRights {
  loading: boolean;
  /** Holds delivery.failover.approve on the service. */
  allowed: boolean;
  userEntityRef?: string;
}

/**
 * The two things that decide whether Approve and Reject are enabled: the permission (the
 * platform team holds it) and who the user is (the requester may not decide their own).
 */
export function useApprovalRights(entityRef: string): ApprovalRights {
  const identityApi = useApi(coreApis.identity);
  const identity = useAsync(
    () => identityApi.getBackstageIdentity(),
    [identityApi],
  );
  const permission = usePermission({
    permission: deliveryFailoverApprovePermission,
    resourceRef: entityRef,
  });
  return {
    loading: identity.loading || permission.loading,
    allowed: permission.allowed,
    userEntityRef: identity.value?.userEntityRef,
  };
}
