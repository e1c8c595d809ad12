import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Run the pending migrations in staging after a successful backup',
    example: yaml.stringify({
      steps: [
        {
          id: 'migrate',
          action: 'delivery:database:migrate',
          name: 'Migrate',
          input: {
            entityRef: 'component:default/propertyos-owner-service',
            environment: 'staging',
          },
        },
      ],
    }),
  },
  {
    description:
      'List applied and pending migrations, and the lock, in every environment of the service',
    example: yaml.stringify({
      steps: [
        {
          id: 'migrations',
          action: 'delivery:database:migrate',
          name: 'Migration status',
          input: {
            entityRef: 'component:default/propertyos-owner-service',
            mode: 'status',
          },
        },
      ],
    }),
  },
];
