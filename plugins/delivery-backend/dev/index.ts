import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';

// A minimal backend for working on the Delivery plugin alone: `yarn start` in this folder,
// then `curl localhost:7007/api/delivery/health`. Auth is mocked so curl needs no token.
const backend = createBackend();
backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
backend.add(import('../src'));
backend.start();
