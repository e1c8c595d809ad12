/** The action template a Deploy opens (templates/actions/deploy/template.yaml). */
export const DEPLOY_TEMPLATE = {
  namespace: 'default',
  templateName: 'delivery-deploy',
} as const;

/** What the Deploy form starts with; the user can change any of it before running. */
export interface DeployFormData {
  entityRef: string;
  environment: string;
  /** Omitted when nothing runs in the environment yet. */
  image?: string;
}

/**
 * The template page's address with the form pre-filled: the scaffolder reads a `formData`
 * query parameter holding URI-encoded JSON.
 */
export function deployHref(templatePath: string, data: DeployFormData): string {
  const formData: DeployFormData = {
    entityRef: data.entityRef,
    environment: data.environment,
    ...(data.image ? { image: data.image } : {}),
  };
  return `${templatePath}?formData=${encodeURIComponent(
    JSON.stringify(formData),
  )}`;
}
