import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Promote the canary a deploy left paused: stable takes its image and the canary goes back to zero',
    example: yaml.stringify({
      steps: [
        {
          id: 'promote',
          action: 'delivery:service:promote',
          name: 'Promote',
          input: {
            entityRef: 'component:default/propertyos-api-gateway',
            environment: 'production',
          },
        },
      ],
    }),
  },
  {
    description:
      'Promote the Argo Rollout that runs the service fully: its remaining steps, pauses and analyses are skipped',
    example: yaml.stringify({
      steps: [
        {
          id: 'promote',
          action: 'delivery:service:promote',
          name: 'Promote fully',
          input: {
            entityRef: 'component:default/capsight-backend',
            environment: 'staging',
            full: true,
          },
        },
      ],
    }),
  },
];
