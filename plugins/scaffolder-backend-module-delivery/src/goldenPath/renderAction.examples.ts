import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Render the kustomize base and overlays, the deploy scripts and the delivery workflow with the validated values',
    example: yaml.stringify({
      steps: [
        {
          id: 'platform',
          action: 'delivery:golden-path:render',
          name: 'Render the manifests and the pipeline',
          input: { values: '${{ steps.validate.output.values }}' },
        },
      ],
    }),
  },
];
