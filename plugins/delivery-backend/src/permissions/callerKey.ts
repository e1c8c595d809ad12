import { BackstageCredentials } from '@backstage/backend-plugin-api';

/**
 * Who is asking, as a key for what is kept per caller (what they may read, their
 * overview, their DORA summary): the user's entity ref, or the service's subject.
 */
export function callerKey(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  return `${principal.type}:${
    principal.userEntityRef ?? principal.subject ?? ''
  }`;
}
