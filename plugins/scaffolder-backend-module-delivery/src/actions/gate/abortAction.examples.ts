import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Abort the canary a deploy left paused: the canary goes back to zero, stable is untouched',
    example: yaml.stringify({
      steps: [
        {
          id: 'abort',
          action: 'delivery:service:abort',
          name: 'Abort',
          input: {
            entityRef: 'component:default/propertyos-api-gateway',
            environment: 'production',
          },
        },
      ],
    }),
  },
];
