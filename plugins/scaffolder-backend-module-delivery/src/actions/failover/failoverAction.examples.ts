import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Drill a failover to the DR region on throwaway copies, timed, changing nothing that serves users',
    example: yaml.stringify({
      steps: [
        {
          id: 'drill',
          action: 'delivery:service:failover',
          name: 'DR drill',
          input: {
            entityRef: 'component:default/propertyos-auth-service',
            environment: 'production',
            mode: 'drill',
          },
        },
      ],
    }),
  },
  {
    description:
      'A planned switchover to the DR region; in production it waits for a second member of the platform team to approve',
    example: yaml.stringify({
      steps: [
        {
          id: 'switchover',
          action: 'delivery:service:failover',
          name: 'Switchover',
          input: {
            entityRef: 'component:default/propertyos-auth-service',
            environment: 'production',
            mode: 'switchover',
            reason: 'Region maintenance announced for us-east-1 on Saturday',
            verifySeconds: 60,
          },
        },
      ],
    }),
  },
];
