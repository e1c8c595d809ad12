import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      "Run the service's GitHub Actions deploy workflow for staging with an image, and wait for its run",
    example: yaml.stringify({
      steps: [
        {
          id: 'dispatch',
          action: 'delivery:workflow:dispatch',
          name: 'Dispatch the deploy workflow',
          input: {
            entityRef: 'component:default/propertyos-owner-service',
            environment: 'staging',
            repository: 'delivery-example/propertyos-owner-service',
            image: 'ghcr.io/delivery-example/propertyos-owner-service:2.4.0',
          },
        },
      ],
    }),
  },
];
