import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Publish the workspace as a local bare repository, then register its catalog-info.yaml',
    example: yaml.stringify({
      steps: [
        {
          id: 'publish-local',
          action: 'delivery:repository:publish-local',
          name: 'Publish to a local repository',
          input: {
            repoName: '${{ steps.validate.output.values.name }}',
            description: 'Create tenant-api from the http-service golden path',
          },
        },
        {
          id: 'register-local',
          action: 'catalog:register',
          name: 'Register in the catalog',
          input: {
            catalogInfoUrl:
              "${{ steps['publish-local'].output.catalogInfoUrl }}",
          },
        },
      ],
    }),
  },
];
