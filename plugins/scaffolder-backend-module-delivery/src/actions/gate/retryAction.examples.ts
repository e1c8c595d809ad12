import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Retry the aborted update of the Argo Rollout that runs the service: it starts again from its first step',
    example: yaml.stringify({
      steps: [
        {
          id: 'retry',
          action: 'delivery:service:retry',
          name: 'Retry',
          input: {
            entityRef: 'component:default/capsight-backend',
            environment: 'staging',
          },
        },
      ],
    }),
  },
];
