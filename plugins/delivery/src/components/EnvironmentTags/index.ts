export { EnvironmentTags } from './EnvironmentTags';
export type { EnvironmentTag } from './EnvironmentTags';
