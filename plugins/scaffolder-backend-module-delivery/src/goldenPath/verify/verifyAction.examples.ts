import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Verify the rendered workspace (every overlay, the workflow, the Dockerfile) before publishing it',
    example: yaml.stringify({
      steps: [
        {
          id: 'verify',
          action: 'delivery:golden-path:verify',
          name: 'Verify manifests, workflow and Dockerfile',
          input: { values: '${{ steps.validate.output.values }}' },
        },
      ],
    }),
  },
];
