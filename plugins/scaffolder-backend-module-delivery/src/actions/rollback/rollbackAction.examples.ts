import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Roll a service back to its previous revision',
    example: yaml.stringify({
      steps: [
        {
          id: 'rollback',
          action: 'delivery:service:rollback',
          name: 'Roll back',
          input: {
            entityRef: 'component:default/propertyos-document-service',
            environment: 'staging',
          },
        },
      ],
    }),
  },
  {
    description: 'Roll a service back to a revision chosen from its history',
    example: yaml.stringify({
      steps: [
        {
          id: 'rollback',
          action: 'delivery:service:rollback',
          name: 'Roll back to revision 1',
          input: {
            entityRef: 'component:default/propertyos-document-service',
            environment: 'staging',
            revision: 1,
          },
        },
      ],
    }),
  },
];
