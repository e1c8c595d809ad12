/***/
/**
 * The delivery-policy module for @backstage/plugin-permission-backend
 *
 * @packageDocumentation
 */

export { permissionModuleDeliveryPolicy as default } from './module';
export {
  DeliveryPermissionPolicy,
  ownsTheService,
} from './policy/DeliveryPermissionPolicy';
