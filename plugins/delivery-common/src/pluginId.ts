/**
 * The Delivery backend's plugin id: its routes live under `/api/delivery`, callers ask
 * discovery and auth for it, and its modules extend it by it. The frontend plugin shares it.
 * @public
 */
export const DELIVERY_PLUGIN_ID = 'delivery';
