import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: "Deploy an image to staging with the service's own strategy",
    example: yaml.stringify({
      steps: [
        {
          id: 'deploy',
          action: 'delivery:service:deploy',
          name: 'Deploy',
          input: {
            entityRef: 'component:default/propertyos-owner-service',
            environment: 'staging',
            image: 'ghcr.io/delivery-example/propertyos-owner-service:2.4.0',
          },
        },
      ],
    }),
  },
  {
    description:
      'Blue-green: bring the new colour up, check it, and stop before the switch for a person to promote or abort',
    example: yaml.stringify({
      steps: [
        {
          id: 'deploy',
          action: 'delivery:service:deploy',
          name: 'Deploy and pause',
          input: {
            entityRef: 'component:default/propertyos-payment-service',
            environment: 'staging',
            image: 'ghcr.io/delivery-example/propertyos-payment-service:6.1.0',
            smokeUrl: 'https://payments.staging.example.com/health',
            pauseForPromotion: true,
            keepPreviousSeconds: 600,
          },
        },
      ],
    }),
  },
  {
    description:
      'Canary: 10, 25 then 50 percent of the pods, each held for five minutes, then the whole service',
    example: yaml.stringify({
      steps: [
        {
          id: 'deploy',
          action: 'delivery:service:deploy',
          name: 'Canary deploy',
          input: {
            entityRef: 'component:default/propertyos-api-gateway',
            environment: 'staging',
            image: 'ghcr.io/delivery-example/propertyos-api-gateway:7.1.0',
            canarySteps: [10, 25, 50],
            canaryPauseSeconds: 300,
          },
        },
      ],
    }),
  },
];
