/**
 * Delivery's actions for AI agents, registered with the actions registry and served over
 * MCP by the mcp-actions backend.
 *
 * @packageDocumentation
 */

export { deliveryModuleAgentActions as default } from './module';
export { READ_ACTIONS } from './read/readActions';
export type { ReadActionDefinition } from './read/readActions';
export { WRITE_ACTIONS } from './write/writeActions';
export type { WriteActionDefinition } from './write/writeActions';
