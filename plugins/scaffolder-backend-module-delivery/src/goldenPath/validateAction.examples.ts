import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      "A golden path's first step: check the form as posted, then render the skeleton with the values and their defaults",
    example: yaml.stringify({
      steps: [
        {
          id: 'validate',
          action: 'delivery:golden-path:validate',
          name: 'Check the parameters',
          input: { kind: 'http-service', parameters: '${{ parameters }}' },
        },
        {
          id: 'skeleton',
          action: 'fetch:template',
          name: 'Render the service',
          input: {
            url: './skeleton',
            values: '${{ steps.validate.output.values }}',
          },
        },
      ],
    }),
  },
];
