import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Raise the bounds of the autoscaler that scales a service',
    example: yaml.stringify({
      steps: [
        {
          id: 'scale',
          action: 'delivery:service:scale',
          name: 'Scale',
          input: {
            entityRef: 'component:default/propertyos-owner-service',
            environment: 'staging',
            minReplicas: 2,
            maxReplicas: 6,
          },
        },
      ],
    }),
  },
  {
    description: 'Set the replicas of a service that has no autoscaler',
    example: yaml.stringify({
      steps: [
        {
          id: 'scale',
          action: 'delivery:service:scale',
          name: 'Scale to 3 replicas',
          input: {
            entityRef: 'component:default/propertyos-maintenance-service',
            environment: 'staging',
            replicas: 3,
          },
        },
      ],
    }),
  },
];
