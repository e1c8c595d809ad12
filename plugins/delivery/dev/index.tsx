import { createDevApp } from '@backstage/frontend-dev-utils';
import plugin from '../src/alpha';

// `yarn start` in this folder serves the plugin alone against a backend on :7007.
createDevApp({ features: [plugin] });
