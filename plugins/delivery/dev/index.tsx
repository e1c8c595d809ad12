// The dev entry is the app here, and an app loads Backstage UI's styles once; nothing
// under src/ (what the plugin ships) imports them.
// eslint-disable-next-line @backstage/no-ui-css-imports-in-non-frontend
import '@backstage/ui/css/styles.css';
import { createApp } from '@backstage/frontend-defaults';
import appPlugin from '@backstage/plugin-app';
import ReactDOM from 'react-dom/client';
import plugin from '../src/alpha';

// `yarn start` in this folder serves the plugin alone against a backend on :7007.
// This is what createDevApp from @backstage/frontend-dev-utils does; its release for
// frontend-plugin-api 1.0 is missing from the registry here, and 0.1.6 is built on 0.18.
const devAppPlugin = appPlugin.withOverrides({
  extensions: [
    appPlugin.getExtension('sign-in-page:app').override({ disabled: true }),
  ],
});

const app = createApp({ features: [devAppPlugin, plugin] });

ReactDOM.createRoot(document.getElementById('root')!).render(app.createRoot());
