import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: "Read a service's delivery facts before acting on it",
    example: yaml.stringify({
      steps: [
        {
          id: 'service',
          action: 'delivery:service:describe',
          name: 'Describe the service',
          input: { entityRef: 'component:default/payment-service' },
        },
      ],
    }),
  },
];
