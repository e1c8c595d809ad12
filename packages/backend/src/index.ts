import { createBackend } from '@backstage/backend-defaults';
import { redactingAuditorServiceFactory } from '@internal/backstage-plugin-delivery-node';

const backend = createBackend();

// Backstage's auditor with tokens, passwords and URL user info removed from every event
// (the scaffolder records a task's parameters as typed); see docs/audit.md.
backend.add(redactingAuditorServiceFactory);

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

// scaffolder plugin
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);

// techdocs plugin
backend.add(import('@backstage/plugin-techdocs-backend'));

// auth plugin
backend.add(import('@backstage/plugin-auth-backend'));
// See https://backstage.io/docs/backend-system/building-backends/migrating#the-auth-plugin
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
// See https://backstage.io/docs/auth/guest/provider

// catalog plugin
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);

// See https://backstage.io/docs/features/software-catalog/configuration#subscribing-to-catalog-errors
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

// permission plugin
backend.add(import('@backstage/plugin-permission-backend'));
// The platform team may do everything; others read and run non-production actions.
backend.add(
  import(
    '@internal/backstage-plugin-permission-backend-module-delivery-policy'
  ),
);

// search plugin
backend.add(import('@backstage/plugin-search-backend'));

// search engine
// See https://backstage.io/docs/features/search/search-engines
backend.add(import('@backstage/plugin-search-backend-module-pg'));

// search collators
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
backend.add(import('@backstage/plugin-search-backend-module-techdocs'));

// kubernetes plugin
backend.add(import('@backstage/plugin-kubernetes-backend'));

// user settings plugin
backend.add(import('@backstage/plugin-user-settings-backend'));

// notifications and signals plugins
backend.add(import('@backstage/plugin-notifications-backend'));
// Slack delivery of notifications; sends nothing until notifications.processors.slack is
// configured (app-config.yaml, docs/notifications.md).
backend.add(import('@backstage/plugin-notifications-backend-module-slack'));
backend.add(import('@backstage/plugin-signals-backend'));

// mcp actions plugin
backend.add(import('@backstage/plugin-mcp-actions-backend'));

// delivery plugins
backend.add(import('@internal/backstage-plugin-delivery-backend'));
// AWS DR providers (RDS/Aurora, Route 53); registers nothing unless delivery.dr.aws is set.
backend.add(
  import('@internal/backstage-plugin-delivery-backend-module-aws-dr'),
);
// Delivery's actions for AI agents (delivery:*), served over MCP by the mcp-actions plugin.
backend.add(
  import('@internal/backstage-plugin-delivery-backend-module-agent-actions'),
);
backend.add(
  import('@internal/backstage-plugin-scaffolder-backend-module-delivery'),
);
backend.start();
